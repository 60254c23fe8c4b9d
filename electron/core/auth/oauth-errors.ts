/**
 * Google's OAuth error codes — on the loopback redirect (`error=…`) or in a token endpoint answer — as the
 * typed errors the sign-in screens explain. One table, so the redirect and the token endpoint agree.
 */
import {
  AdminPolicyBlockedError,
  ClientRejectedError,
  ConsentDeniedError,
  type GlanceError,
  OrgInternalError,
  RedirectUriMismatchError,
} from '../errors.js';

/** The error for a Google OAuth error code, or null when it has no screen of its own. */
export function signInErrorFor(oauthError: string, clientId: string): GlanceError | null {
  switch (oauthError) {
    case 'access_denied':
      return new ConsentDeniedError();
    case 'admin_policy_enforced':
      return new AdminPolicyBlockedError(clientId);
    case 'org_internal':
      return new OrgInternalError(clientId);
    case 'invalid_client':
    case 'unauthorized_client':
    case 'deleted_client':
      return new ClientRejectedError(oauthError, clientId);
    case 'redirect_uri_mismatch':
      return new RedirectUriMismatchError(clientId);
    default:
      return null;
  }
}
