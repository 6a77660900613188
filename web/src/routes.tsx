import { Button, Result, Spin } from 'antd';
import { Navigate, Route, Routes } from 'react-router-dom';
import { AppLayout } from './layout/app-layout.tsx';
import { ClientProfilePage } from './pages/clients/client-profile-page.tsx';
import { ClientsPage } from './pages/clients/clients-page.tsx';
import { CreateClientPage } from './pages/clients/create-client-page.tsx';
import { EditClientPage } from './pages/clients/edit-client-page.tsx';
import { ManagersPage } from './pages/managers/managers-page.tsx';
import { BlacklistPage } from './pages/moderation/blacklist-page.tsx';
import { SenderDenylistPage } from './pages/moderation/sender-denylist-page.tsx';
import { SenderQueuePage } from './pages/moderation/sender-queue-page.tsx';
import { DestinationsPage } from './pages/routing/destinations-page.tsx';
import { PoolsPage } from './pages/routing/pools-page.tsx';
import { RoutesPage } from './pages/routing/routes-page.tsx';
import { VendorsPage } from './pages/routing/vendors-page.tsx';
import { BusinessTypesPage, CategoryTypesPage } from './pages/settings/name-list-page.tsx';
import { CurrenciesPage } from './pages/settings/currencies-page.tsx';
import { LegalEntitiesPage } from './pages/settings/legal-entities-page.tsx';
import { MailOutboxPage } from './pages/settings/mail-outbox-page.tsx';
import { PlatformDefaultsPage } from './pages/settings/platform-defaults-page.tsx';
import { PolicyPage } from './pages/settings/policy-page.tsx';
import { ProductsPage } from './pages/settings/products-page.tsx';
import { BlockedSmsPage } from './pages/traffic/blocked-sms-page.tsx';
import { MessagesPage } from './pages/traffic/messages-page.tsx';
import { StatisticsPage } from './pages/traffic/statistics-page.tsx';
import { SignInPage } from './pages/sign-in/sign-in-page.tsx';
import { SessionGate } from './session/session.tsx';

export function PanelRoutes() {
  return (
    <SessionGate
      loading={<Spin size="large" fullscreen />}
      signIn={(onSignedIn) => <SignInPage onSignedIn={onSignedIn} />}
      failed={(message, retry) => <Result status="error" title="The panel cannot reach the platform" subTitle={message} extra={<Button onClick={retry}>Try again</Button>} />}
    >
      <Routes>
        <Route element={<AppLayout />}>
          <Route index element={<Navigate to="/clients" replace />} />
          <Route path="clients" element={<ClientsPage />} />
          <Route path="clients/new" element={<CreateClientPage />} />
          <Route path="clients/:id" element={<ClientProfilePage />} />
          <Route path="clients/:id/edit" element={<EditClientPage />} />
          <Route path="managers" element={<ManagersPage />} />
          <Route path="routing/vendors" element={<VendorsPage />} />
          <Route path="routing/pools" element={<PoolsPage />} />
          <Route path="routing/routes" element={<RoutesPage />} />
          <Route path="routing/destinations" element={<DestinationsPage />} />
          <Route path="traffic/messages" element={<MessagesPage />} />
          <Route path="traffic/statistics" element={<StatisticsPage />} />
          <Route path="traffic/blocked" element={<BlockedSmsPage />} />
          <Route path="moderation/senders" element={<SenderQueuePage />} />
          <Route path="moderation/blacklist" element={<BlacklistPage />} />
          <Route path="moderation/sender-denylist" element={<SenderDenylistPage />} />
          <Route path="settings/currencies" element={<CurrenciesPage />} />
          <Route path="settings/business-types" element={<BusinessTypesPage />} />
          <Route path="settings/category-types" element={<CategoryTypesPage />} />
          <Route path="settings/products" element={<ProductsPage />} />
          <Route path="settings/mail" element={<MailOutboxPage />} />
          <Route path="settings/legal-entities" element={<LegalEntitiesPage />} />
          <Route path="settings/defaults" element={<PlatformDefaultsPage />} />
          <Route path="settings/policy" element={<PolicyPage />} />
          <Route path="*" element={<Result status="404" title="No such page" extra={<Button href="/clients">Go to clients</Button>} />} />
        </Route>
      </Routes>
    </SessionGate>
  );
}
