import { Breadcrumb, Result, Skeleton } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { clients } from '../../api/admin.ts';
import { PageTitle } from '../../components/page-title.tsx';
import { useLoad } from '../../lib/use-load.ts';
import { ClientForm } from './client-form/client-form.tsx';

/** The create form in edit mode: Currency read-only, password optional. */
export function EditClientPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const { data, error } = useLoad(() => clients.get(id), id);
  if (error) return <Result status="error" title="Cannot open this client" subTitle={error.message} />;
  if (!data) return <Skeleton active />;
  const { client } = data;
  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[{ title: 'Profiles' }, { title: <Link to="/clients">Clients</Link> }, { title: <Link to={`/clients/${id}`}>{client.login}</Link> }, { title: 'Edit' }]}
      />
      <PageTitle title={`Edit ${client.login}`} subTitle="Currency cannot be changed after saving. Leave the password empty to keep it." />
      <ClientForm key={client.id} mode="edit" client={client} onSaved={() => navigate(`/clients/${id}`)} onCancel={() => navigate(`/clients/${id}`)} />
    </>
  );
}
