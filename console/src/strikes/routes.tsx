// The strike ladders route, mounted by main.tsx inside the signed-in layout.
import { Route } from 'react-router';
import { StrikeLaddersPage } from './StrikeLaddersPage';

export const strikeRoutes = <Route path="strike-ladders" element={<StrikeLaddersPage />} />;
