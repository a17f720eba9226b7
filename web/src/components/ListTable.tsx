import { Empty, Form, Pagination, Table, type FormInstance, type TableProps } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { Paging } from '../hooks/usePagedList';
import { useI18n } from '../i18n';

type ListTableProps<T> = Omit<TableProps<T>, 'pagination'> & {
  /** The page, from usePagedList or useListParams. */
  paging: Paging;
  /** Rows on every page, from the server; left out when dataSource holds the whole list. */
  total?: number;
  /** Whether the reader may choose 10 / 20 / 50 / 100 rows a page. */
  sizeChanger?: boolean;
  /** When a search finds nothing: why, and what to try instead (see emptySearchHint). */
  emptyHint?: string;
};

/**
 * A list page's table: its page and page size kept in the address (usePagedList), and the
 * number of rows always said, so a list that runs on to further pages shows how far.
 */
export function ListTable<T extends object>({ paging, total, sizeChanger = true, emptyHint, ...props }: ListTableProps<T>) {
  const { t } = useI18n();
  // An empty table has nothing to scroll to: a scrolling region with nothing to focus in it
  // cannot be reached by keyboard (axe: scrollable-region-focusable).
  const empty = props.dataSource !== undefined && props.dataSource.length === 0;
  return (
    <Table<T>
      {...props}
      scroll={empty ? undefined : props.scroll}
      locale={
        emptyHint
          ? {
              ...props.locale,
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span data-testid="empty-hint">{emptyHint}</span>} />,
            }
          : props.locale
      }
      pagination={{
        current: paging.page,
        pageSize: paging.pageSize,
        ...(total === undefined ? {} : { total }),
        showSizeChanger: sizeChanger,
        showTotal: (n) => t('common.total', { total: n }),
        onChange: (page, pageSize) => paging.setPage(page, pageSize),
      }}
    />
  );
}

/** The pager under a list of cards (the phone portal): the page in the address, the total said. */
export function ListPager({ paging, total, className }: { paging: Paging; total: number; className?: string }) {
  const { t } = useI18n();
  return (
    <div className={`list-pager ${className ?? ''}`} data-testid="list-pager">
      <span className="list-pager-total">{t('common.total', { total })}</span>
      {total > paging.pageSize && (
        <Pagination simple current={paging.page} pageSize={paging.pageSize} total={total} onChange={(page) => paging.setPage(page)} />
      )}
    </div>
  );
}

/** A filter form that shows the filters in the address, also after back, forward or a shared link. */
export function useFilterForm<V extends object>(filters: V): FormInstance<V> {
  const [form] = Form.useForm<V>();
  useEffect(() => {
    // Every field the form holds is set, to the address's value or to nothing: a field the
    // address leaves out must clear (resetFields would remount the fields and race the setting).
    const cleared = Object.fromEntries(Object.keys(form.getFieldsValue(true)).map((key) => [key, undefined]));
    form.setFieldsValue({ ...cleared, ...filters } as Parameters<FormInstance<V>['setFieldsValue']>[0]);
  }, [form, filters]);
  return form;
}

/**
 * The link in a clickable row: Tab reaches it and Enter opens it; a mouse click is the link's
 * alone, so the row does not navigate a second time.
 */
export function RowLink({ to, children, className, title }: { to: string; children: ReactNode; className?: string; title?: string }) {
  return (
    <Link to={to} className={className} title={title} onClick={(e) => e.stopPropagation()}>
      {children}
    </Link>
  );
}
