// The try-it box on a package's page: hits of this package by default, of every package on request.
import { Panel } from '../shared/ui';
import { usePackage } from './PackageLayout';
import { TryBox } from './TryBox';

export function TryTab() {
  const { pkg } = usePackage();
  return (
    <Panel title="Try it">
      <TryBox packageId={pkg.id} />
    </Panel>
  );
}
