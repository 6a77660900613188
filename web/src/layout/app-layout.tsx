import {
  ApartmentOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BarChartOutlined,
  BankOutlined,
  BranchesOutlined,
  ClusterOutlined,
  ControlOutlined,
  CloudServerOutlined,
  DollarOutlined,
  EnvironmentOutlined,
  IdcardOutlined,
  LogoutOutlined,
  MailOutlined,
  MessageOutlined,
  SafetyOutlined,
  SettingOutlined,
  SolutionOutlined,
  StopOutlined,
  TagsOutlined,
  TeamOutlined,
  UserOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { Avatar, Button, Layout, Menu, Space, Tag, Typography, type MenuProps } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useSession } from '../session/session.tsx';
import { PetrelMark } from './petrel-mark.tsx';

const { Sider, Header, Content } = Layout;

type Item = Required<MenuProps>['items'][number];

/** The menu, shaped like the operator panel's: Profiles, Routing, Moderation and Settings. */
function menuItems(isAdmin: boolean): Item[] {
  return [
    {
      key: 'profiles',
      label: 'Profiles',
      icon: <TeamOutlined />,
      children: [
        { key: '/clients', label: 'Clients', icon: <IdcardOutlined /> },
        ...(isAdmin ? [{ key: '/managers', label: 'Managers', icon: <UserOutlined /> }] : []),
      ],
    },
    {
      key: 'routing',
      label: 'Routing',
      icon: <BranchesOutlined />,
      children: [
        ...(isAdmin
          ? [
              { key: '/routing/vendors', label: 'Vendors', icon: <CloudServerOutlined /> },
              { key: '/routing/pools', label: 'Pools', icon: <ClusterOutlined /> },
              { key: '/routing/routes', label: 'Routes', icon: <BranchesOutlined /> },
            ]
          : []),
        { key: '/routing/destinations', label: 'Destinations', icon: <EnvironmentOutlined /> },
      ],
    },
    {
      key: 'traffic',
      label: 'Traffic',
      icon: <WarningOutlined />,
      children: [
        { key: '/traffic/messages', label: 'Messages', icon: <MessageOutlined /> },
        { key: '/traffic/statistics', label: 'Statistics', icon: <BarChartOutlined /> },
        { key: '/traffic/blocked', label: 'Blocked SMS', icon: <StopOutlined /> },
      ],
    },
    {
      key: 'moderation',
      label: 'Moderation',
      icon: <SafetyOutlined />,
      children: [
        { key: '/moderation/senders', label: 'Sender queue', icon: <AuditOutlined /> },
        { key: '/moderation/blacklist', label: 'Blacklist', icon: <StopOutlined /> },
        { key: '/moderation/sender-denylist', label: 'Sender deny-list', icon: <SolutionOutlined /> },
      ],
    },
    {
      key: 'settings',
      label: 'Settings',
      icon: <SettingOutlined />,
      children: [
        { key: '/settings/currencies', label: 'Currencies', icon: <DollarOutlined /> },
        { key: '/settings/business-types', label: 'Business types', icon: <ApartmentOutlined /> },
        { key: '/settings/category-types', label: 'Category types', icon: <TagsOutlined /> },
        { key: '/settings/products', label: 'Products', icon: <AppstoreOutlined /> },
        { key: '/settings/legal-entities', label: 'Legal entities', icon: <BankOutlined /> },
        { key: '/settings/defaults', label: 'Platform defaults', icon: <ControlOutlined /> },
        { key: '/settings/policy', label: 'Policy', icon: <SafetyOutlined /> },
        { key: '/settings/mail', label: 'E-mail outbox', icon: <MailOutlined /> },
      ],
    },
  ];
}

const sections = [
  '/clients',
  '/managers',
  '/routing/vendors',
  '/routing/pools',
  '/routing/routes',
  '/routing/destinations',
  '/traffic/messages',
  '/traffic/statistics',
  '/traffic/blocked',
  '/moderation/senders',
  '/moderation/blacklist',
  '/moderation/sender-denylist',
  '/settings/currencies',
  '/settings/business-types',
  '/settings/category-types',
  '/settings/products',
  '/settings/legal-entities',
  '/settings/defaults',
  '/settings/policy',
  '/settings/mail',
];

export function AppLayout() {
  const { operator, isAdmin, signOut } = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const selected = sections.find((s) => pathname === s || pathname.startsWith(`${s}/`)) ?? '/clients';

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider width={232} breakpoint="lg" collapsedWidth={64} data-testid="sider">
        <div style={{ display: 'flex', alignItems: 'center', gap: 10, padding: '18px 20px' }}>
          <PetrelMark />
          <Typography.Text strong style={{ color: '#fff', fontSize: 18, letterSpacing: 0.5 }}>
            Petrel
          </Typography.Text>
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[selected]}
          defaultOpenKeys={['profiles', 'routing', 'traffic', 'moderation', 'settings']}
          items={menuItems(isAdmin)}
          onClick={({ key }) => navigate(key)}
          data-testid="main-menu"
        />
      </Sider>
      <Layout>
        <Header style={{ background: '#fff', padding: '0 24px', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', borderBottom: '1px solid #f0f0f0' }}>
          <Space size="middle">
            <Space size="small" data-testid="signed-in-operator">
              <Avatar size="small" icon={<UserOutlined />} />
              <Typography.Text>{operator.name || operator.login}</Typography.Text>
              <Tag color={isAdmin ? 'geekblue' : 'default'}>{operator.role}</Tag>
            </Space>
            <Button icon={<LogoutOutlined />} onClick={() => void signOut()} data-testid="sign-out">
              Sign out
            </Button>
          </Space>
        </Header>
        <Content style={{ padding: 24 }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
