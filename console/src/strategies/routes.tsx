// The strategies area's routes, mounted by main.tsx inside the signed-in layout. /strategies/new is
// matched before /strategies/:id (static segments rank first), so no strategy can be reached as "new".
import { Route } from 'react-router';
import { BacktestTab } from './BacktestTab';
import { EditorTab } from './EditorTab';
import { NewStrategyPage } from './NewStrategyPage';
import { ShadowDiffTab } from './ShadowDiffTab';
import { StrategyLayout } from './StrategyLayout';
import { StrategyListPage } from './StrategyListPage';
import { VersionsTab } from './VersionsTab';
import './strategies.css';

export const strategyRoutes = (
  <>
    <Route path="strategies" element={<StrategyListPage />} />
    <Route path="strategies/new" element={<NewStrategyPage />} />
    <Route path="strategies/:id" element={<StrategyLayout />}>
      <Route index element={<EditorTab />} />
      <Route path="versions" element={<VersionsTab />} />
      <Route path="backtest" element={<BacktestTab />} />
      <Route path="shadow" element={<ShadowDiffTab />} />
    </Route>
  </>
);
