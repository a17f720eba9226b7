import { Button, Form } from 'antd';
import { useI18n } from '../i18n';

/** 查询 / 重置 at the end of a filter form. */
export function FilterButtons({ searchTestId = 'filter-submit' }: { searchTestId?: string }) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item>
        <Button type="primary" htmlType="submit" data-testid={searchTestId}>
          {t('common.search')}
        </Button>
      </Form.Item>
      <Form.Item>
        <Button htmlType="reset">{t('common.reset')}</Button>
      </Form.Item>
    </>
  );
}
