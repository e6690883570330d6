// The review area's routes (review loop, appeals, operations), mounted by main.tsx inside the signed-in layout.
import { Route } from 'react-router';
import { AppealListPage } from './AppealListPage';
import { AppealPage } from './AppealPage';
import { OperationsPage } from './OperationsPage';
import { QueuePickerPage } from './QueuePickerPage';
import { ReviewPage } from './ReviewPage';

export const reviewRoutes = (
  <>
    <Route path="review" element={<QueuePickerPage />} />
    <Route path="review/work" element={<ReviewPage />} />
    <Route path="appeals" element={<AppealListPage />} />
    <Route path="appeals/:id" element={<AppealPage />} />
    <Route path="operations" element={<OperationsPage />} />
  </>
);
