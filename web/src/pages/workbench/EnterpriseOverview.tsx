import { Card, Col, Empty, Row, Statistic, Tag } from 'antd';
import { useMemo } from 'react';
import { LoadError } from '../../components/LoadError';
import { PageLoading } from '../../components/PageLoading';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import type { Overview } from '../../types';
import { barOption, columnOption, pieOption } from './chartOptions';
import { EChart } from './EChart';

/** The enterprise file at a glance: counts, streets, scales, industries, tags. */
export function EnterpriseOverview() {
  const { t } = useI18n();
  const { data, error, reload } = useRequest<Overview>('/api/overview');

  const charts = useMemo(() => {
    if (!data) return undefined;
    const count = t('workbench.count');
    return {
      byStreet: columnOption(
        data.byStreet.map((s) => ({ name: s.name, value: s.count })),
        count,
      ),
      byScale: pieOption(
        data.byScale.map((s) => ({ name: t(`scale.${s.scale}`), value: s.count })),
        count,
      ),
      byIndustry: barOption(
        data.byIndustrySection.map((s) => ({ name: `${s.code} ${s.name}`, value: s.count })),
        count,
      ),
    };
  }, [data, t]);

  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!data || !charts) return <PageLoading />;

  const keyShare = data.enterprises > 0 ? (data.keyEnterprises / data.enterprises) * 100 : 0;
  const stats = [
    { key: 'enterprises', title: t('workbench.enterprises'), value: data.enterprises },
    { key: 'key', title: t('workbench.keyEnterprises'), value: data.keyEnterprises },
    { key: 'share', title: t('workbench.keyShare'), value: keyShare, precision: 1, suffix: '%' },
    { key: 'streets', title: t('workbench.streets'), value: data.byStreet.filter((s) => s.count > 0).length },
  ];

  return (
    <Row gutter={[16, 16]}>
      {stats.map((s) => (
        <Col key={s.key} xs={12} lg={6}>
          <Card size="small" data-testid={`stat-${s.key}`}>
            <Statistic title={s.title} value={s.value} precision={s.precision} suffix={s.suffix} />
          </Card>
        </Col>
      ))}
      <Col xs={24} xl={14}>
        <Card size="small" title={t('workbench.byStreet')}>
          {data.byStreet.length ? <EChart option={charts.byStreet} testId="chart-by-street" /> : <Empty />}
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small" title={t('workbench.byScale')}>
          {data.byScale.length ? <EChart option={charts.byScale} testId="chart-by-scale" /> : <Empty />}
        </Card>
      </Col>
      <Col xs={24} xl={14}>
        <Card size="small" title={t('workbench.byIndustry')}>
          {data.byIndustrySection.length ? (
            <EChart option={charts.byIndustry} height={Math.max(240, data.byIndustrySection.length * 28)} testId="chart-by-industry" />
          ) : (
            <Empty />
          )}
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small" title={t('workbench.byTag')}>
          {data.byTag.length ? (
            <div className="workbench-tags">
              {data.byTag.map((tag) => (
                <Tag key={tag.tag} color="blue">
                  {tag.tag} <b>{tag.count}</b>
                </Tag>
              ))}
            </div>
          ) : (
            <Empty />
          )}
        </Card>
      </Col>
    </Row>
  );
}
