// The signed-in frame: top bar with the key's name, roles and sign-out; navigation; the current page.
import { Outlet } from 'react-router';
import { Nav } from './nav';
import { useSession } from './session';

export function Layout() {
  const { me, signOut } = useSession();
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">
          Vigil <span className="muted">console</span>
        </span>
        <div className="whoami" data-testid="whoami">
          <span className="key-name" title={`API key ${me.id}`}>
            {me.name}
          </span>
          {me.roles.map((r) => (
            <span key={r} className="badge role">
              {r}
            </span>
          ))}
          <button type="button" className="btn-link" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <Nav />
      <main className="content">
        <Outlet />
      </main>
    </div>
  );
}
