// The action log's route, mounted by main.tsx inside the signed-in layout.
import { Route } from 'react-router';
import { ActionLogPage } from './ActionLogPage';

export const actionRoutes = <Route path="actions" element={<ActionLogPage />} />;
