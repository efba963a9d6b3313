import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { AGENCY_LIMITS, buildTree, cleanEmail, cleanLine, cleanLines, cleanMapUrl, cleanOrder, cleanPhone, cleanRichText, isChecked, treeProblem } from './agency-rules.js';

/** The error a cleaner throws, or undefined. */
function failure(run: () => unknown): AppError | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

describe('cleaning typed text', () => {
  it('folds spaces, drops control and bidi characters, stores NFC', () => {
    expect(cleanLine('  Phòng\u0000 Người\u202e  có\tcông ', { field: 'name', label: 'Tên', max: 50 })).toBe('Phòng Người có công');
    expect(cleanLine('Pho\u0300ng', { field: 'name', label: 'Tên', max: 50 })).toBe('Phòng');
    expect(cleanLine(undefined, { field: 'name', label: 'Tên', max: 50 })).toBe('');
  });

  it('refuses what is too long or not text, naming the field in Vietnamese', () => {
    for (const value of ['x'.repeat(51), ['a', 'b'], { a: 1 }, true]) {
      const error = failure(() => cleanLine(value, { field: 'name', label: 'Tên đơn vị', max: 50 }));
      expect(error?.code, String(value)).toBe('INVALID_INPUT');
      expect(error?.field).toBe('name');
      expect(error?.message).toMatch(/^Tên đơn vị /);
    }
  });

  it('keeps one field per line for fields in charge', () => {
    expect(cleanLines('Lao động\r\n\r\n  Việc làm \n', { field: 'f', label: 'Lĩnh vực', max: 100 })).toBe('Lao động\nViệc làm');
    expect(failure(() => cleanLines('a\n'.repeat(80), { field: 'f', label: 'Lĩnh vực', max: 100 }))?.field).toBe('f');
  });

  it('sanitises rich text and treats an emptied editor as no text', () => {
    expect(cleanRichText('<p>Tham mưu</p><script>alert(1)</script><img src=x onerror=alert(1)>', { field: 'functionsHtml', label: 'Chức năng' })).toBe('<p>Tham mưu</p>');
    expect(cleanRichText('<p>Nhiệm\u0000 vụ\u202e</p>', { field: 'functionsHtml', label: 'Chức năng' })).toBe('<p>Nhiệm vụ</p>');
    expect(cleanRichText('<p><br></p><p> </p>', { field: 'functionsHtml', label: 'Chức năng' })).toBe('');
    expect(failure(() => cleanRichText('x'.repeat(AGENCY_LIMITS.richText + 1), { field: 'functionsHtml', label: 'Chức năng' }))?.field).toBe('functionsHtml');
    expect(failure(() => cleanRichText(42, { field: 'functionsHtml', label: 'Chức năng' }))?.code).toBe('INVALID_INPUT');
  });
});

describe('phones, e-mail, map links and orders', () => {
  it('accepts phone numbers as agencies write them', () => {
    for (const phone of ['0260 3862 345', '(0260) 386.2345', '+84 260 3862 345', '0260.3862.345 - máy lẻ 12', '0914-123-456']) expect(cleanPhone(phone), phone).toBe(phone);
    expect(cleanPhone('')).toBe('');
  });

  it('refuses what is not a phone number', () => {
    for (const phone of [2603862345, 'gọi tôi', '12345', '<b>0260</b>', 'javascript:alert(1)', '0260 3862 345; drop table']) expect(failure(() => cleanPhone(phone))?.field, String(phone)).toBe('phone');
  });

  it('accepts an official e-mail address, lower-cased, and refuses the rest', () => {
    expect(cleanEmail(' VanPhong.SLDTBXH@KonTum.gov.vn ')).toBe('vanphong.sldtbxh@kontum.gov.vn');
    for (const email of ['vanphong', 'a@b', 'a@@kontum.gov.vn', 'a..b@kontum.gov.vn', '"x"@kontum.gov.vn', 'a@kontum.gov.vn<script>', 'a b@kontum.gov.vn']) expect(failure(() => cleanEmail(email))?.field, email).toBe('email');
  });

  it('takes https map links only', () => {
    expect(cleanMapUrl('https://www.openstreetmap.org/?mlat=14.35&mlon=108#map=17/14.35/108')).toBe('https://www.openstreetmap.org/?mlat=14.35&mlon=108#map=17/14.35/108');
    for (const url of ['javascript:alert(1)', 'http://maps.example/x', 'https://user:pw@maps.example/', 'data:text/html,<script>', 'bản đồ', '//maps.example/x']) expect(failure(() => cleanMapUrl(url))?.field, url).toBe('mapUrl');
  });

  it('reads orders and checkboxes', () => {
    expect(cleanOrder('', 'position')).toBe(0);
    expect(cleanOrder(' 3 ', 'position')).toBe(3);
    for (const value of ['1.5', 'ba', '99999999', [1]]) expect(failure(() => cleanOrder(value, 'position'))?.field, String(value)).toBe('position');
    expect([isChecked('1'), isChecked('on'), isChecked(true), isChecked(''), isChecked(undefined), isChecked('0')]).toEqual([true, true, true, false, false, false]);
  });
});

describe('the unit tree', () => {
  // a ← b ← c ← d (d's parent is c …)
  const parents = new Map<string, string | null>([
    ['a', null],
    ['b', 'a'],
    ['c', 'b'],
    ['d', 'c'],
  ]);
  const parentOf = (id: string) => parents.get(id);

  it('refuses a unit under itself or under one of its own units', () => {
    expect(treeProblem({ unitId: 'b', parentId: 'b', parentOf, depthBelow: 0 })).toBe('self');
    expect(treeProblem({ unitId: 'b', parentId: 'd', parentOf, depthBelow: 2 })).toBe('cycle');
    expect(treeProblem({ unitId: 'd', parentId: 'a', parentOf, depthBelow: 0 })).toBeNull();
    expect(treeProblem({ unitId: null, parentId: 'd', parentOf, depthBelow: 0 })).toBeNull();
  });

  it('keeps the tree within its depth, counting the moved unit’s own levels', () => {
    expect(treeProblem({ unitId: 'x', parentId: 'd', parentOf, depthBelow: AGENCY_LIMITS.depth - 4 })).toBeNull();
    expect(treeProblem({ unitId: 'x', parentId: 'd', parentOf, depthBelow: AGENCY_LIMITS.depth - 3 })).toBe('depth');
  });

  it('never loops on a cycle already stored', () => {
    const looped = new Map([
      ['p', 'q'],
      ['q', 'p'],
    ]);
    expect(treeProblem({ unitId: 'x', parentId: 'p', parentOf: (id) => looped.get(id), depthBelow: 0 })).toBe('cycle');
  });

  it('builds the tree in order and hangs a unit under a hidden parent from the nearest shown ancestor', () => {
    const items = [
      { id: 'a', parentId: null, position: 0, name: 'Ban Giám đốc' },
      { id: 'c', parentId: 'b', position: 1, name: 'Phòng C' },
      { id: 'e', parentId: 'a', position: 0, name: 'Văn phòng' },
      { id: 'd', parentId: 'a', position: 0, name: 'Thanh tra' },
    ];
    const tree = buildTree(items, parentOf);
    expect(tree.map((n) => n.id)).toEqual(['a']);
    // b is not shown: c hangs from a; equal positions go by name.
    expect(tree[0]!.children.map((n) => n.name)).toEqual(['Thanh tra', 'Văn phòng', 'Phòng C']);
  });
});
