// The materials area's routes, mounted by main.tsx inside the signed-in layout. /materials/try is matched
// before /materials/:id (static segments rank first), so no package can be reached as "try".
import { Route } from 'react-router';
import { HashBankTab } from './HashBankTab';
import { HistoryTab } from './HistoryTab';
import { ImportTab } from './ImportTab';
import { MaterialPage } from './MaterialPage';
import { MaterialsTab } from './MaterialsTab';
import { NewMaterialPage } from './NewMaterialPage';
import { PackageLayout } from './PackageLayout';
import { PackageListPage } from './PackageListPage';
import { TryPage } from './TryPage';
import { TryTab } from './TryTab';

export const materialRoutes = (
  <>
    <Route path="materials" element={<PackageListPage />} />
    <Route path="materials/try" element={<TryPage />} />
    <Route path="materials/:id" element={<PackageLayout />}>
      <Route index element={<MaterialsTab />} />
      <Route path="new" element={<NewMaterialPage />} />
      <Route path="m/:materialId" element={<MaterialPage />} />
      <Route path="try" element={<TryTab />} />
      <Route path="hashes" element={<HashBankTab />} />
      <Route path="import" element={<ImportTab />} />
      <Route path="history" element={<HistoryTab />} />
    </Route>
  </>
);
