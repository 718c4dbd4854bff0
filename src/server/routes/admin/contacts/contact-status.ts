import type { Contact, Invitation, ResponseRecord } from '../../../../store/index.js';

/** Where a contact stands: not invited yet, invited (sent, reminded), answering, done, opted out, or their address bounced. */
export type ContactStatus = 'new' | 'sent' | 'reminded' | 'started' | 'partial' | 'complete' | 'unsubscribed' | 'bounced';
export const CONTACT_STATUSES: readonly ContactStatus[] = ['new', 'sent', 'reminded', 'started', 'partial', 'complete', 'unsubscribed', 'bounced'];

export interface ContactProgress {
  readonly contact: Contact;
  readonly invitation: Invitation | undefined;
  readonly response: ResponseRecord | undefined;
  readonly status: ContactStatus;
}

/** Joins contacts to their invitation and response and names each one's status. */
export function contactProgress(contacts: readonly Contact[], invitations: readonly Invitation[], responses: readonly ResponseRecord[]): ContactProgress[] {
  const invitationOf = new Map(invitations.filter((i) => i.contactId !== null).map((i) => [i.contactId!, i]));
  const responseOf = new Map(responses.filter((r) => r.invitationId !== null).map((r) => [r.invitationId!, r]));
  return contacts.map((contact) => {
    const invitation = invitationOf.get(contact.id);
    const response = invitation && responseOf.get(invitation.id);
    let status: ContactStatus = 'new';
    if (contact.status === 'unsubscribed') status = 'unsubscribed';
    else if (contact.status === 'bounced') status = 'bounced';
    else if (response?.status === 'complete') status = 'complete';
    else if (response) status = response.currentPage > 0 || Object.keys(response.answers).length > 0 ? 'partial' : 'started';
    else if (invitation?.remindedAt) status = 'reminded';
    else if (invitation?.sentAt) status = 'sent';
    return Object.freeze({ contact, invitation, response, status });
  });
}
