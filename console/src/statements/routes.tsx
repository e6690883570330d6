// The statements-of-reasons route, mounted by main.tsx inside the signed-in layout.
import { Route } from 'react-router';
import { StatementsPage } from './StatementsPage';

export const statementRoutes = <Route path="statements" element={<StatementsPage />} />;
