/**
 * /api/v1/information: the access-to-information section as data — the focal point the
 * agency names and its list of public information (published items only). Requests and
 * their requesters are never part of the public API.
 */
import { Type, type Static } from 'typebox';
import { listPublishedItems, readInformationSettings } from '../information-access/index.js';
import { API_ERRORS as errors, sendCached, type PublicApiSection } from './api-shared.js';

const ContactView = Type.Union(
  [
    Type.Object({
      name: Type.String({ description: 'Người hoặc bộ phận đầu mối cung cấp thông tin' }),
      position: Type.String({ description: 'Chức vụ ("" khi không ghi)' }),
      unit: Type.String({ description: 'Đơn vị' }),
      phone: Type.String(),
      email: Type.String(),
      address: Type.String(),
      hours: Type.String({ description: 'Thời gian tiếp nhận' }),
    }),
    Type.Null(),
  ],
  { description: 'Đầu mối cung cấp thông tin; null khi cơ quan chưa công bố' },
);

const ItemView = Type.Object({
  title: Type.String(),
  category: Type.String({ description: 'Nhóm thông tin' }),
  url: Type.String({ description: 'Địa chỉ tuyệt đối của thông tin (trang của cổng hoặc trang ngoài https)' }),
  updatedOn: Type.String({ description: 'Ngày cập nhật, YYYY-MM-DD' }),
});

const InformationView = Type.Object({
  url: Type.String({ description: 'Trang Tiếp cận thông tin' }),
  requestFormUrl: Type.String({ description: 'Biểu mẫu phiếu yêu cầu cung cấp thông tin' }),
  contact: ContactView,
  items: Type.Array(ItemView),
});

export const registerInformationAccessApi: PublicApiSection = (api, deps) => {
  api.get('/information', {
    schema: { tags: ['Công khai'], summary: 'Tiếp cận thông tin: đầu mối cung cấp thông tin và danh mục thông tin công khai', response: { 200: InformationView, ...errors } },
    handler: async (request, reply) => {
      const site = deps.siteOf(request);
      const [settings, items] = await Promise.all([readInformationSettings(deps.db, site.id), listPublishedItems(deps.db, site.id)]);
      const body: Static<typeof InformationView> = {
        url: `${site.origin}/tiep-can-thong-tin`,
        requestFormUrl: `${site.origin}/tiep-can-thong-tin/yeu-cau`,
        contact: settings.contact.name ? settings.contact : null,
        items: items.map((item) => ({ title: item.title, category: item.category, url: item.link.startsWith('/') ? `${site.origin}${item.link}` : item.link, updatedOn: item.updatedDay })),
      };
      return sendCached(request, reply, body);
    },
  });
};
