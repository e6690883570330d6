// The cases routes, mounted by main.tsx inside the signed-in layout.
import { Route } from 'react-router';
import { CaseListPage } from './CaseListPage';
import { CasePage } from './CasePage';
import { NewCasePage } from './NewCasePage';

export const caseRoutes = (
  <>
    <Route path="cases" element={<CaseListPage />} />
    <Route path="cases/new" element={<NewCasePage />} />
    <Route path="cases/:id" element={<CasePage />} />
  </>
);
