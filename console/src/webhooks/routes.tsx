// The webhooks area's route, mounted by main.tsx inside the signed-in layout.
import { Route } from 'react-router';
import { WebhooksPage } from './WebhooksPage';

export const webhookRoutes = <Route path="webhooks" element={<WebhooksPage />} />;
