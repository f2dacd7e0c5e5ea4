import type { RouteDefinition } from '../http/index.ts';
import { apiKeyRoutes } from './apiKeyRoutes.ts';
import { authRoutes } from './authRoutes.ts';
import { invitationRoutes } from './invitationRoutes.ts';
import { memberRoutes } from './memberRoutes.ts';
import { passwordResetRoutes } from './passwordResetRoutes.ts';
import { tenantRoutes } from './tenantRoutes.ts';

export const accessRoutes: RouteDefinition[] = [
  ...authRoutes,
  ...passwordResetRoutes,
  ...memberRoutes,
  ...invitationRoutes,
  ...apiKeyRoutes,
  ...tenantRoutes,
];
