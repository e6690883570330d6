// Entry point of the Vigil console: restores the session from localStorage, routes between the areas,
// and sends the user back to sign-in whenever the server answers 401.
import { StrictMode, useCallback, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import { ApiError, createApi, fetchMe } from './shared/api';
import { Layout } from './shared/Layout';
import { SessionContext, storedKey, type Session } from './shared/session';
import type { Me } from './shared/types';
import { Empty, ErrorNote, PageHeader } from './shared/ui';
import { SignIn } from './signin/SignIn';
import { OverviewPage } from './overview/OverviewPage';
import { EntitySearchPage } from './entities/EntitySearchPage';
import { EntityPage } from './entities/EntityPage';
import { PolicyListPage } from './policies/PolicyListPage';
import { PolicyPage } from './policies/PolicyPage';
import { QueueListPage } from './queues/QueueListPage';
import { QueuePage } from './queues/QueuePage';
import { materialRoutes } from './materials/routes';
import { webhookRoutes } from './webhooks/routes';
import { strategyRoutes } from './strategies/routes';
import { decisionRoutes } from './decisions/routes';
import { actionRoutes } from './actions/routes';
import { guardrailRoutes } from './guardrails/routes';
import { strikeRoutes } from './strikes/routes';
import { caseRoutes } from './cases/routes';
import { auditRoutes } from './audit/routes';
import { statementRoutes } from './statements/routes';
import { reviewRoutes } from './review/routes';
import { qaRoutes } from './qa/routes';
import { workforceRoutes } from './workforce/routes';
import './styles.css';

type AuthState =
  | { status: 'checking'; key: string }
  | { status: 'unreachable'; key: string; error: string }
  | { status: 'signed-out'; message?: string }
  | { status: 'signed-in'; key: string; me: Me };

function initialState(): AuthState {
  const key = storedKey.read();
  return key ? { status: 'checking', key } : { status: 'signed-out' };
}

function App() {
  const [auth, setAuth] = useState<AuthState>(initialState);

  const signOut = useCallback((message?: string) => {
    storedKey.clear();
    setAuth({ status: 'signed-out', message });
  }, []);

  useEffect(() => {
    if (auth.status !== 'checking') return;
    let live = true;
    fetchMe(auth.key).then(
      (me) => live && setAuth({ status: 'signed-in', key: auth.key, me }),
      (err: Error) => {
        if (!live) return;
        if (err instanceof ApiError && err.status === 401) signOut(`Your API key is no longer accepted (${err.message}). Sign in again.`);
        else setAuth({ status: 'unreachable', key: auth.key, error: err.message });
      },
    );
    return () => {
      live = false;
    };
  }, [auth, signOut]);

  const key = auth.status === 'signed-in' ? auth.key : undefined;
  const me = auth.status === 'signed-in' ? auth.me : undefined;
  const session = useMemo<Session | null>(() => {
    if (!key || !me) return null;
    const api = createApi(key, (message) => signOut(`Signed out: the server refused the API key (${message}).`));
    return { me, api, isAdmin: me.roles.includes('admin'), signOut: () => signOut() };
  }, [key, me, signOut]);

  if (auth.status === 'checking') return <p className="boot muted">Checking your API key…</p>;
  if (auth.status === 'unreachable') {
    return (
      <div className="signin">
        <div className="signin-card">
          <ErrorNote title="Cannot reach the Vigil server" error={auth.error} />
          <button type="button" className="btn" onClick={() => setAuth({ status: 'checking', key: auth.key })}>
            Retry
          </button>{' '}
          <button type="button" className="btn-link" onClick={() => signOut()}>
            Sign out
          </button>
        </div>
      </div>
    );
  }
  if (!session) {
    return (
      <SignIn
        message={auth.status === 'signed-out' ? auth.message : undefined}
        onSignedIn={(newKey, newMe) => {
          storedKey.write(newKey);
          setAuth({ status: 'signed-in', key: newKey, me: newMe });
        }}
      />
    );
  }
  return (
    <SessionContext.Provider value={session}>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<OverviewPage />} />
          <Route path="entities" element={<EntitySearchPage />} />
          <Route path="entities/:type/:id" element={<EntityPage />} />
          <Route path="policies" element={<PolicyListPage />} />
          <Route path="policies/new" element={<PolicyPage />} />
          <Route path="policies/:id" element={<PolicyPage />} />
          <Route path="queues" element={<QueueListPage />} />
          <Route path="queues/new" element={<QueuePage />} />
          <Route path="queues/:id" element={<QueuePage />} />
          {materialRoutes}
          {webhookRoutes}
          {strategyRoutes}
          {decisionRoutes}
          {actionRoutes}
          {guardrailRoutes}
          {strikeRoutes}
          {caseRoutes}
          {auditRoutes}
          {statementRoutes}
          {reviewRoutes}
          {qaRoutes}
          {workforceRoutes}
          <Route
            path="*"
            element={
              <>
                <PageHeader title="Not found" />
                <Empty>There is no page at this address.</Empty>
              </>
            }
          />
        </Route>
      </Routes>
    </SessionContext.Provider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter>
      <App />
    </BrowserRouter>
  </StrictMode>,
);
