// /materials/try: the try-it box over every package in effect.
import { Link } from 'react-router';
import { PageHeader, Panel } from '../shared/ui';
import { TryBox } from './TryBox';

export function TryPage() {
  return (
    <>
      <PageHeader
        title="Try a text"
        subtitle="How the matcher reads a text, the invisible characters in it, and which materials it hits."
        actions={
          <Link to="/materials" className="btn">
            All packages
          </Link>
        }
      />
      <Panel title="Try it">
        <TryBox />
      </Panel>
    </>
  );
}
