import type { ClientFieldGroup, ClientFieldMeta } from './client-rules.ts';

/** The sections of the client form and profile, in the operator panel's order. */
export const CLIENT_SECTIONS: readonly { readonly group: ClientFieldGroup; readonly title: string }[] = [
  { group: 'core', title: 'Account and contact' },
  { group: 'financial', title: 'Finance' },
  { group: 'rights', title: 'Sending rights and features' },
  { group: 'company', title: 'Company' },
  { group: 'billing', title: 'Billing' },
];

/** Product type opens the form: choosing one fills the rest with its defaults. */
export const sectionOf = (meta: ClientFieldMeta): ClientFieldGroup => (meta.key === 'productId' ? 'core' : meta.group);
