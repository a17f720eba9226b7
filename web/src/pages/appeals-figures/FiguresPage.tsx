import { Alert, Card, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { useMe } from '../../auth/AuthContext';
import { DownloadButton } from '../../components/DownloadButton';
import { FigureStats } from '../../components/FigureStats';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { PeriodPicker, thisYear, type Period } from '../../components/PeriodPicker';
import { FIGURES_BY, type Figures, type FiguresBy } from '../../figures';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import { FiguresCharts } from './FiguresCharts';
import { FiguresTable } from './FiguresTable';
import { SatisfactionCard } from './SatisfactionCard';
import { AcceptanceCard } from './AcceptanceCard';
import './figures.css';

/**
 * 统计分析: closure, on-time, handling-time and satisfaction figures for the appeals accepted in a
 * period, by department, item, category, street or month; a department sees only its own.
 */
export default function FiguresPage() {
  const { t } = useI18n();
  const me = useMe();
  const ownDepartment = me.role === 'handler';
  const [by, setBy] = useState<FiguresBy>(ownDepartment ? 'service_item' : 'department');
  const [period, setPeriod] = useState<Period>(thisYear);
  const query = { by, ...period };
  const { data, error, loading, reload } = useRequest<Figures>('/api/appeals/figures', query);
  // The trend by month goes with every dimension; by month it is the main answer itself.
  const months = useRequest<Figures>(by === 'month' ? null : '/api/appeals/figures', { by: 'month', ...period });

  return (
    <div data-testid="figures-page">
      <PageHeader
        title={t('menu.appeals-figures')}
        extra={
          <DownloadButton path="/api/appeals/figures.xlsx" query={query} data-testid="figures-export">
            {t('analysis.export')}
          </DownloadButton>
        }
      />
      <Space wrap className="filter-bar">
        <Segmented<FiguresBy>
          value={by}
          onChange={setBy}
          options={FIGURES_BY.map((b) => ({ value: b, label: t(`figures.by.${b}`) }))}
          data-testid="figures-by"
        />
        <PeriodPicker value={period} onChange={setPeriod} data-testid="figures-period" />
      </Space>
      {ownDepartment && <Alert type="info" showIcon title={t('figures.ownDepartment')} className="filter-bar" />}
      {error && data && <Alert type="error" showIcon title={error.message} className="filter-bar" />}
      {error && !data ? (
        <LoadError error={error} onRetry={reload} />
      ) : !data ? (
        <PageLoading />
      ) : (
        <div className="figures-body">
          <FigureStats totals={data.totals} />
          <SatisfactionCard totals={data.totals} />
          {data.acceptance && <AcceptanceCard acceptance={data.acceptance} />}
          <FiguresCharts figures={data} months={months.data} />
          <Card size="small" title={t('figures.details')}>
            <FiguresTable figures={data} loading={loading} />
          </Card>
          <Typography.Text type="secondary" className="figures-scope">
            {t('figures.scope', { from: data.from, to: data.to })}
          </Typography.Text>
        </div>
      )}
    </div>
  );
}
