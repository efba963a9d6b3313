/** /api/v1 endpoints of agency information (units, leaders, contacts). */
import type { PublicApiSection } from './api-shared.js';

export const registerAgencyApi: PublicApiSection = () => {};
