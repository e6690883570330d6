// counters (filled in by the counters work).
export const name = 'counters';
export const sql = /* sql */ `
SELECT 1;
`;
