import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Table, Upload } from 'antd';
import { useState } from 'react';
import { api, type Schemas } from '../../api';
import { DownloadButton } from '../../components/DownloadButton';
import { PageHeader } from '../../components/PageHeader';
import { useShowError } from '../../errors';
import { useI18n } from '../../i18n';

type ImportReport = Schemas['ImportReport'];
type RowError = Schemas['ImportRowError'];

/** 批量导入: upload an .xlsx or .csv of enterprises or indicators, read the per-row report. */
export default function ImportPage() {
  const { t } = useI18n();
  const showError = useShowError();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportReport>();

  const run = async (file: File) => {
    setBusy(true);
    setReport(undefined);
    try {
      setReport(await api.upload<ImportReport>('/api/enterprises/import', file));
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={t('efile.import.title')} />
      <Card size="small">
        <Alert type="info" showIcon title={t('efile.import.hint')} style={{ marginBottom: 16 }} />
        <Upload
          accept=".xlsx,.csv"
          showUploadList={false}
          beforeUpload={(file) => {
            void run(file);
            return false;
          }}
        >
          <Button type="primary" icon={<UploadOutlined />} loading={busy} data-testid="import-pick">
            {t('efile.import.pick')}
          </Button>
        </Upload>
      </Card>
      {report && (
        <Card size="small" title={t('efile.import.result')} style={{ marginTop: 16 }} data-testid="import-report">
          <Descriptions
            size="small"
            column={5}
            items={[
              { key: 'rows', label: t('efile.import.rows'), children: report.rows },
              {
                key: 'inserted',
                label: t('efile.import.inserted'),
                children: <span data-testid="import-inserted">{report.inserted}</span>,
              },
              { key: 'updated', label: t('efile.import.updated'), children: report.updated },
              { key: 'unchanged', label: t('efile.import.unchanged'), children: report.unchanged },
              { key: 'refused', label: t('efile.import.refused'), children: <span data-testid="import-refused">{report.refused}</span> },
            ]}
          />
          {report.errors.length === 0 ? (
            <Alert type="success" showIcon title={t('efile.import.allGood')} />
          ) : (
            <>
              <DownloadButton
                path="/api/enterprises/import/errors.xlsx"
                body={{ errors: report.errors, refusedRows: report.refusedRows, headers: report.headers }}
                data-testid="import-errors-download"
              >
                {t('efile.import.downloadErrors')}
              </DownloadButton>
              <Table<RowError>
                rowKey={(e) => `${e.sheet}-${e.row}-${e.field}`}
                size="small"
                style={{ marginTop: 12 }}
                dataSource={report.errors}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                onRow={() => ({ 'data-testid': 'import-error' }) as React.HTMLAttributes<HTMLElement>}
                columns={[
                  { title: t('efile.import.sheet'), dataIndex: 'sheet', width: 120 },
                  { title: t('efile.import.row'), dataIndex: 'row', width: 80 },
                  { title: t('efile.import.field'), dataIndex: 'field', width: 180 },
                  { title: t('efile.import.reason'), dataIndex: 'reason' },
                ]}
              />
            </>
          )}
        </Card>
      )}
    </>
  );
}
