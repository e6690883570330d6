// The workforce route, mounted by main.tsx inside the signed-in layout.
import { Route } from 'react-router';
import { WorkforcePage } from './WorkforcePage';

export const workforceRoutes = <Route path="workforce" element={<WorkforcePage />} />;
