/**
 * /api/v1 endpoints of agency information: the profile with the site's contacts, the
 * published units as a tree, and the published officials. Published content only; every
 * answer ETag'd (sendCached). Photos are given as their image URL.
 */
import { Type, type Static } from 'typebox';
import { loadPublicAgency, type PublicUnit, type TreeNode } from '../agency/index.js';
import { findMediaMap, presentImage } from '../media/index.js';
import { API_ERRORS, sendCached, type PublicApiSection } from './api-shared.js';

const UnitView = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  kind: Type.String({ description: 'ban_giam_doc | van_phong | phong_chuyen_mon | don_vi_truc_thuoc | khac' }),
  name: Type.String(),
  nameEn: Type.String({ description: "Tên tiếng Anh; '' khi chưa có" }),
  url: Type.String(),
  functionsHtml: Type.String({ description: 'Chức năng, nhiệm vụ (HTML đã làm sạch)' }),
  functionsEnHtml: Type.String(),
  phone: Type.String(),
  email: Type.String(),
  /** Typed loosely: each child has this same shape. */
  children: Type.Array(Type.Unknown(), { description: 'Các đơn vị trực thuộc, cùng dạng' }),
});
type UnitViewT = Omit<Static<typeof UnitView>, 'children'> & { children: UnitViewT[] };

const PersonView = Type.Object({
  id: Type.String(),
  fullName: Type.String(),
  position: Type.String(),
  positionEn: Type.String(),
  unit: Type.Union([Type.Object({ id: Type.String(), name: Type.String(), nameEn: Type.String(), url: Type.String() }), Type.Null()]),
  phone: Type.String(),
  email: Type.String(),
  photo: Type.Union([Type.String({ description: 'URL ảnh' }), Type.Null()]),
  fieldsInCharge: Type.Array(Type.String()),
  fieldsInChargeEn: Type.Array(Type.String()),
  isLeader: Type.Boolean(),
  isContactPoint: Type.Boolean(),
});

export const registerAgencyApi: PublicApiSection = (api, deps) => {
  api.get('/agency', {
    schema: {
      tags: ['Công khai'],
      summary: 'Thông tin cơ quan: giới thiệu, chức năng nhiệm vụ, địa chỉ, điện thoại, fax, thư điện tử, bản đồ, giờ làm việc',
      response: { 200: Type.Unknown(), ...API_ERRORS },
    },
    handler: async (request, reply) => {
      const site = deps.siteOf(request);
      const { profile } = await loadPublicAgency(deps.db, site.id);
      return sendCached(request, reply, {
        name: site.name,
        englishName: site.englishName,
        governingBody: site.governingBody,
        address: site.address,
        addressEn: profile.addressEn,
        phone: site.phone,
        fax: site.fax,
        email: site.email,
        mapUrl: profile.mapUrl,
        officeHours: profile.officeHours,
        officeHoursEn: profile.officeHoursEn,
        overviewHtml: profile.overviewHtml,
        overviewEnHtml: profile.overviewEnHtml,
        functionsHtml: profile.functionsHtml,
        functionsEnHtml: profile.functionsEnHtml,
        url: `${site.origin}/co-quan`,
      });
    },
  });

  api.get('/agency/units', {
    schema: { tags: ['Công khai'], summary: 'Cơ cấu tổ chức: các đơn vị đã công bố, dạng cây', response: { 200: Type.Object({ items: Type.Array(UnitView) }), ...API_ERRORS } },
    handler: async (request, reply) => {
      const site = deps.siteOf(request);
      const agency = await loadPublicAgency(deps.db, site.id);
      const view = (node: TreeNode<PublicUnit>): UnitViewT => ({
        id: node.id,
        slug: node.slug,
        kind: node.kind,
        name: node.name,
        nameEn: node.nameEn,
        url: `${site.origin}${node.url}`,
        functionsHtml: node.functionsHtml,
        functionsEnHtml: node.functionsEnHtml,
        phone: node.phone,
        email: node.email,
        children: node.children.map(view),
      });
      return sendCached(request, reply, { items: agency.tree.map(view) });
    },
  });

  api.get('/agency/people', {
    schema: {
      tags: ['Công khai'],
      summary: 'Lãnh đạo và cán bộ đã công bố (lãnh đạo trước, theo thứ tự)',
      querystring: Type.Object({ role: Type.Optional(Type.Union([Type.Literal('leader'), Type.Literal('contact')], { description: 'leader: chỉ lãnh đạo; contact: chỉ cán bộ đầu mối liên hệ' })) }),
      response: { 200: Type.Object({ items: Type.Array(PersonView) }), ...API_ERRORS },
    },
    handler: async (request, reply) => {
      const site = deps.siteOf(request);
      const agency = await loadPublicAgency(deps.db, site.id);
      const role = request.query.role;
      const people = agency.officials.filter((o) => (role === 'leader' ? o.isLeader : role === 'contact' ? o.isContactPoint : true));
      const photos = await findMediaMap(deps.db, site.id, people.flatMap((p) => (p.photoMediaId ? [p.photoMediaId] : [])));
      return sendCached(request, reply, {
        items: people.map((p) => {
          const photo = p.photoMediaId ? photos.get(p.photoMediaId) : undefined;
          return {
            id: p.id,
            fullName: p.fullName,
            position: p.positionTitle,
            positionEn: p.positionEn,
            unit: p.unit && { ...p.unit, url: `${site.origin}${p.unit.url}` },
            phone: p.phone,
            email: p.email,
            photo: photo && photo.kind === 'image' ? `${site.origin}${presentImage(photo, '', 480).src}` : null,
            fieldsInCharge: p.fieldsInCharge,
            fieldsInChargeEn: p.fieldsInChargeEn,
            isLeader: p.isLeader,
            isContactPoint: p.isContactPoint,
          };
        }),
      });
    },
  });
};
