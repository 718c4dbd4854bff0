import type { FastifyPluginAsync } from 'fastify';
import { installRequireUser } from '../../auth/require-user.js';
import type { ThrottlePolicy } from '../../auth/login-throttle.js';
import { accountRoutes } from './account.js';
import { auditRoutes } from './audit-log.js';
import { contactRoutes } from './contacts/contact-routes.js';
import { jobRoutes } from './jobs-routes.js';
import { cleaningRoutes } from './data/cleaning-routes.js';
import { exportRoutes } from './exports.js';
import { responseImportRoutes } from './response-import-routes.js';
import { gdprRoutes } from './gdpr-routes.js';
import { monitorRoutes } from './data/monitor-routes.js';
import { nextWaveRoutes } from './next-wave.js';
import { weightingRoutes } from './data/weighting-routes.js';
import { unsubscribeRoutes } from './contacts/unsubscribe-routes.js';
import { leadRoutes } from './leads.js';
import { loginRoutes } from './login.js';
import { mailTemplateRoutes } from './mail-template-routes.js';
import { studyRoutes } from './studies.js';
import { studyEditorRoutes } from './study-editor-routes.js';
import { testAnswersRoutes } from './test-answers-routes.js';
import { previewRoutes } from './preview-routes.js';
import { userRoutes } from './users.js';
import { waveRoutes } from './waves.js';
import { waveStatusRoutes } from './wave-status-routes.js';

export interface AdminRoutesOptions {
  /** login throttling (tests shorten the delays) */
  readonly throttle?: ThrottlePolicy;
}

/**
 * The researcher workspace under /admin, and the public unsubscribe page of its e-mails. Every workspace
 * route is private (no-store) and needs a session, except the login pages; each declares the permission
 * it needs (`config.permission`, default 'read').
 */
export function createAdminRoutes(options: AdminRoutesOptions = {}): FastifyPluginAsync {
  return async (app) => {
    await app.register(async (workspace) => {
      installRequireUser(workspace);
      await workspace.register(loginRoutes(options.throttle));
      await workspace.register(accountRoutes(options.throttle));
      await workspace.register(waveRoutes);
      await workspace.register(nextWaveRoutes);
      await workspace.register(waveStatusRoutes);
      await workspace.register(studyRoutes);
      await workspace.register(studyEditorRoutes);
      await workspace.register(testAnswersRoutes);
      await workspace.register(previewRoutes);
      await workspace.register(contactRoutes);
      await workspace.register(mailTemplateRoutes);
      await workspace.register(jobRoutes);
      await workspace.register(monitorRoutes);
      await workspace.register(cleaningRoutes);
      await workspace.register(weightingRoutes);
      await workspace.register(exportRoutes);
      await workspace.register(responseImportRoutes);
      await workspace.register(userRoutes);
      await workspace.register(auditRoutes);
      await workspace.register(leadRoutes);
      await workspace.register(gdprRoutes);
    });
    await app.register(unsubscribeRoutes);
  };
}

export const adminRoutes: FastifyPluginAsync = createAdminRoutes();
