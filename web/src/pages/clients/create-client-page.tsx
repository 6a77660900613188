import { Breadcrumb } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { PageTitle } from '../../components/page-title.tsx';
import { ClientForm } from './client-form/client-form.tsx';

/** Profiles → Clients → Create a client; Save lands on the new client's profile page. */
export function CreateClientPage() {
  const navigate = useNavigate();
  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: 'Profiles' }, { title: <Link to="/clients">Clients</Link> }, { title: 'Create a client' }]} />
      <PageTitle title="Create a client" subTitle="Fields marked * are required; hover ? for what a field does." />
      <ClientForm mode="create" onSaved={(client) => navigate(`/clients/${client.id}`)} onCancel={() => navigate('/clients')} />
    </>
  );
}
