import { KeyOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Typography } from 'antd';
import type { ReactNode } from 'react';

interface Props {
  /** The secret to show; the modal is open while it is set. */
  readonly secret: string | undefined;
  readonly title: ReactNode;
  readonly description: ReactNode;
  readonly onClose: () => void;
}

/**
 * A secret shown once (an API key, a webhook signing secret): the platform keeps only its hash or
 * prefix, so this is the operator's only chance to copy it.
 */
export function SecretModal({ secret, title, description, onClose }: Props) {
  return (
    <Modal
      open={secret !== undefined}
      title={
        <>
          <KeyOutlined /> {title}
        </>
      }
      onCancel={onClose}
      closable={false}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose} data-testid="secret-done">
          I have copied it
        </Button>
      }
      destroyOnHidden
    >
      <Alert type="warning" showIcon title="Shown only now" description={description} style={{ marginBottom: 16 }} />
      <Typography.Paragraph copyable={{ text: secret, tooltips: ['Copy', 'Copied'] }} code style={{ fontSize: 15, wordBreak: 'break-all' }} data-testid="secret-value">
        {secret}
      </Typography.Paragraph>
    </Modal>
  );
}
