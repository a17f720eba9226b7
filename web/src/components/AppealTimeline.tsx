import { PaperClipOutlined } from '@ant-design/icons';
import { Rate, Tag, Timeline } from 'antd';
import type { ReactNode } from 'react';
import { isRole } from '../access';
import { CHANNELS, isAppealState, isEventAction, type AppealEvent, type Channel, type EventAction } from '../appeals';
import { formatDateTime } from '../format';
import { useI18n, type I18n, type Lang } from '../i18n';
import { GRADES, type Grade } from '../types';

type DepartmentName = (id: number) => string | undefined;

const COLORS: Partial<Record<EventAction, string>> = {
  decline: 'gray',
  return: 'red',
  reopen: 'red',
  escalate: 'red',
  supervise: 'red',
  request_info: 'orange',
  request_extension: 'orange',
  resolve_on_spot: 'green',
  follow_up: 'cyan',
  reply: 'green',
  close: 'green',
  merge: 'gray',
};

function field(data: unknown, key: string): unknown {
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[key] : undefined;
}
const str = (data: unknown, key: string) => (typeof field(data, key) === 'string' ? (field(data, key) as string) : undefined);
const num = (data: unknown, key: string) => (typeof field(data, key) === 'number' ? (field(data, key) as number) : undefined);
const nums = (data: unknown, key: string) => {
  const value = field(data, key);
  return Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : [];
};
const stateName = (state: string, t: I18n['t']) => (isAppealState(state) ? t(`appeal.state.${state}`) : state);
const isChannel = (value: string | undefined): value is Channel => (CHANNELS as readonly (string | undefined)[]).includes(value);
const isGrade = (value: string | undefined): value is Grade => (GRADES as readonly (string | undefined)[]).includes(value);

/** What the event's data adds, in words: the item and deadline set at acceptance, the departments, the extension … */
function detail(e: AppealEvent, t: I18n['t'], lang: Lang, dept: DepartmentName): string | undefined {
  const d = e.data;
  const name = (id: number | undefined) => (id === undefined ? undefined : (dept(id) ?? `#${id}`));
  const deadline = formatDateTime(str(d, 'deadline'), lang);
  switch (e.action) {
    case 'submit': {
      const channel = str(d, 'channel');
      return isChannel(channel) ? t('appeal.event.via', { channel: t(`appeal.channel.${channel}`) }) : undefined;
    }
    case 'accept': {
      const grade = str(d, 'grade');
      return t('appeal.event.acceptDetail', {
        item: str(d, 'serviceItem') ?? '—',
        grade: isGrade(grade) ? t(`grade.${grade}`) : '—',
        deadline,
      });
    }
    case 'dispatch': {
      const assists = nums(d, 'assistDepartmentIds').map(name);
      const lead = t('appeal.event.leadDetail', { name: name(num(d, 'departmentId')) ?? '—' });
      return assists.length ? `${lead}${t('common.listSeparator')}${t('appeal.event.assistDetail', { names: assists.join('、') })}` : lead;
    }
    case 'transfer':
      return t('appeal.event.transferDetail', { name: name(num(d, 'to')) ?? '—' });
    case 'return': {
      const suggested = name(num(d, 'suggestedDepartmentId'));
      return suggested && t('appeal.event.suggestDetail', { name: suggested });
    }
    case 'arbitrate_return':
      return str(d, 'decision') === 'upheld' ? t('appeal.event.upheld', { name: name(num(d, 'to')) ?? '—' }) : t('appeal.event.rejected');
    case 'request_extension':
      return t('appeal.event.extensionRequested', { days: num(d, 'workingDays') ?? '—' });
    case 'decide_extension':
      return field(d, 'approved') === true
        ? t('appeal.event.extensionApproved', { days: num(d, 'workingDays') ?? '—', deadline })
        : t('appeal.event.extensionDenied');
    case 'supervise':
      return t('appeal.event.superviseDetail', { number: str(d, 'number') ?? '—', deadline });
    case 'provide_info':
      return str(d, 'deadline') ? t('appeal.event.deadlineMoved', { deadline }) : undefined;
    case 'rate':
      return field(d, 'reopened') === true ? t('appeal.event.rateReopened') : undefined;
    case 'follow_up': {
      const outcome = str(d, 'outcome');
      const said =
        outcome === 'rated' || outcome === 'not_reached' || outcome === 'declined' ? t(`followUp.outcome.${outcome}`) : undefined;
      return field(d, 'reopened') === true && said ? `${said}${t('common.listSeparator')}${t('appeal.event.rateReopened')}` : said;
    }
    default:
      return undefined;
  }
}

interface SentFile {
  id: number;
  fileName: string;
}
/** The files a step (a reply) sent, as its data lists them. */
function sentFiles(data: unknown): SentFile[] {
  const value = field(data, 'attachments');
  if (!Array.isArray(value)) return [];
  return value.filter((f): f is SentFile => typeof num(f, 'id') === 'number' && typeof str(f, 'fileName') === 'string');
}

/** Staff see who acted; the enterprise sees the office that acted (the server sends only its role then). */
function actor(e: AppealEvent, staff: boolean, t: I18n['t']): string {
  if (staff || e.actorRole === 'enterprise') return e.actorName;
  if (e.actorRole === 'system') return t('appeal.systemActor');
  return isRole(e.actorRole) ? t(`role.${e.actorRole}`) : e.actorName;
}

/**
 * An appeal's steps, each in plain words with who acted and when; staff also see the state change.
 * `newestFirst` for the enterprise, who mostly wants to know what happened last.
 */
export function AppealTimeline({
  events,
  staff,
  departmentName,
  newestFirst = false,
  appealId,
}: {
  events: AppealEvent[];
  staff: boolean;
  departmentName: DepartmentName;
  newestFirst?: boolean;
  /** Given, the files a step sent are download links. */
  appealId?: number;
}) {
  const { t, lang } = useI18n();
  const ordered = newestFirst ? [...events].reverse() : events;
  const items = ordered.map((e) => {
    const action = isEventAction(e.action) ? e.action : undefined;
    const extra = detail(e, t, lang, departmentName);
    const rating = e.action === 'rate' || e.action === 'follow_up' ? num(e.data, 'rating') : undefined;
    const transition =
      staff && e.fromState && e.toState && e.fromState !== e.toState
        ? t('appeal.event.transition', { from: stateName(e.fromState, t), to: stateName(e.toState, t) })
        : undefined;
    const content: ReactNode = (
      <div className="timeline-event" data-testid="timeline-event" data-action={e.action}>
        <div className="timeline-title">
          <strong>{action ? t(`appeal.event.${action}`) : e.action}</strong>
          {transition && <Tag className="timeline-transition">{transition}</Tag>}
        </div>
        <div className="timeline-meta">
          {actor(e, staff, t)} · {formatDateTime(e.at, lang)}
        </div>
        {rating !== undefined && <Rate disabled value={rating} className="timeline-rating" />}
        {extra && <div className="timeline-detail">{extra}</div>}
        {e.note && <div className="timeline-note">{e.note}</div>}
        {appealId !== undefined && sentFiles(e.data).length > 0 && (
          <div className="timeline-files" data-testid="timeline-files">
            {sentFiles(e.data).map((f) => (
              <a key={f.id} href={`/api/appeals/${appealId}/attachments/${f.id}`} download={f.fileName}>
                <PaperClipOutlined /> {f.fileName}
              </a>
            ))}
          </div>
        )}
      </div>
    );
    return { key: e.id, color: (action && COLORS[action]) ?? 'blue', content };
  });
  return <Timeline items={items} />;
}
