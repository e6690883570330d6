// strategies (filled in by the strategies work).
export const name = 'strategies';
export const sql = /* sql */ `
SELECT 1;
`;
