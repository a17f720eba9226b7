import { Space } from 'antd';
import type { ReactNode } from 'react';

export function PageHeader({ title, extra }: { title: string; extra?: ReactNode }) {
  return (
    <div className="page-header">
      <h2 className="staff-page-title">{title}</h2>
      {extra && <Space wrap>{extra}</Space>}
    </div>
  );
}
