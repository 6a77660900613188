import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** A page's heading with its main actions on the right. */
export function PageTitle({ title, extra, subTitle }: { readonly title: ReactNode; readonly extra?: ReactNode; readonly subTitle?: ReactNode }) {
  return (
    <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {subTitle && <Typography.Text type="secondary">{subTitle}</Typography.Text>}
      </div>
      {extra}
    </Flex>
  );
}
