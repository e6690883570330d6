// webhooks (filled in by the webhooks work).
export const name = 'webhooks';
export const sql = /* sql */ `
SELECT 1;
`;
