import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_LABELS } from './audit.routes.js';

/** Every `action: '…'` a use-case records, read from the sources (tests excluded). */
function recordedActions(): string[] {
  const root = path.resolve(import.meta.dirname, '..');
  const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file));
  const actions = new Set<string>();
  for (const file of files) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    for (const match of text.matchAll(/(?:action|auditAction): (?:[\w.]+ \? )?'([a-z_]+\.[a-z_0-9]+)'(?: : '([a-z_]+\.[a-z_0-9]+)')?/g)) {
      actions.add(match[1]!);
      if (match[2]) actions.add(match[2]);
    }
  }
  return [...actions].sort();
}

describe('the audit log', () => {
  it('names every action the use-cases record in Vietnamese', () => {
    const actions = recordedActions();
    expect(actions.length).toBeGreaterThan(60);
    expect(actions.filter((action) => !ACTION_LABELS[action])).toEqual([]);
  });
});
