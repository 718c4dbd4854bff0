/** Names the consent wording of the lead form (`whitePaper.form.consent`): change it whenever that text changes. */
export const CONSENT_VERSION = 'lead-contact-2026-01';
