import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { session } from '../../api/admin.ts';
import { ApiError } from '../../api/http.ts';
import type { Operator } from '../../api/types.ts';
import { PetrelMark } from '../../layout/petrel-mark.tsx';

interface Props {
  readonly onSignedIn: (operator: Operator) => void;
}

/** Operator sign-in: login and password, errors from the API as they come (wrong password, throttled). */
export function SignInPage({ onSignedIn }: Props) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (values: { login: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      const { operator } = await session.signIn(values.login.trim(), values.password);
      onSignedIn(operator);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? 'Wrong login or password.' : err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5' }}>
      <Card style={{ width: 380 }} data-testid="sign-in">
        <div style={{ display: 'flex', alignItems: 'center', gap: 10, marginBottom: 8 }}>
          <PetrelMark size={32} />
          <Typography.Title level={3} style={{ margin: 0 }}>
            Petrel
          </Typography.Title>
        </div>
        <Typography.Paragraph type="secondary">Sign in to the operator panel.</Typography.Paragraph>
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} data-testid="sign-in-error" />}
        <Form name="signIn" layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label="Login" name="login" rules={[{ required: true, message: 'Enter your login' }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="Password" name="password" rules={[{ required: true, message: 'Enter your password' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            Sign in
          </Button>
        </Form>
      </Card>
    </div>
  );
}
