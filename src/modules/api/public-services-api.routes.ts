/** /api/v1 endpoints of public services (thủ tục hành chính). */
import type { PublicApiSection } from './api-shared.js';

export const registerPublicServicesApi: PublicApiSection = () => {};
