// The audit log route, mounted by main.tsx inside the signed-in layout.
import { Route } from 'react-router';
import { AuditLogPage } from './AuditLogPage';

export const auditRoutes = <Route path="audit" element={<AuditLogPage />} />;
