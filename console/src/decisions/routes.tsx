// The decision explorer's routes, mounted by main.tsx inside the signed-in layout.
import { Route } from 'react-router';
import { DecisionListPage } from './DecisionListPage';
import { DecisionPage } from './DecisionPage';

export const decisionRoutes = (
  <>
    <Route path="decisions" element={<DecisionListPage />} />
    <Route path="decisions/:id" element={<DecisionPage />} />
  </>
);
