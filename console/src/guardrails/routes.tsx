// The guardrails route, mounted by main.tsx inside the signed-in layout.
import { Route } from 'react-router';
import { GuardrailsPage } from './GuardrailsPage';

export const guardrailRoutes = <Route path="guardrails" element={<GuardrailsPage />} />;
