// The QA route, mounted by main.tsx inside the signed-in layout.
import { Route } from 'react-router';
import { QaPage } from './QaPage';

export const qaRoutes = <Route path="qa" element={<QaPage />} />;
