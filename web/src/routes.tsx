import { lazy } from 'react';
import { Route, Routes } from 'react-router-dom';
import { PORTAL_PATH, STAFF_PASSWORD_PATH } from './access';
import { HomeRedirect, RequireShell } from './auth/guards';
import { NotFoundPage } from './pages/errors/NotFoundPage';

// Every shell and page is its own chunk: an enterprise user never downloads the staff workbench.
// The appeal queues share one page; the key gives each menu entry its own state (view, filters, page).
const LoginPage = lazy(() => import('./pages/login/LoginPage'));
const ChangePasswordPage = lazy(() => import('./pages/change-password/ChangePasswordPage'));
const RegisterPage = lazy(() => import('./pages/register/RegisterPage'));
const JoinPage = lazy(() => import('./pages/register/JoinPage'));
const PortalMembersPage = lazy(() => import('./pages/portal-members/PortalMembersPage'));
const RegistrationRequestsPage = lazy(() => import('./pages/registration-requests/RegistrationRequestsPage'));

const PortalShell = lazy(() => import('./shells/portal/PortalShell'));
const PortalHomePage = lazy(() => import('./pages/portal-home/PortalHomePage'));
const PortalProfilePage = lazy(() => import('./pages/portal-profile/PortalProfilePage'));
const PortalAccountPage = lazy(() => import('./pages/portal-account/PortalAccountPage'));
const PortalPreferencesPage = lazy(() => import('./pages/portal-preferences/PortalPreferencesPage'));
const DeliveryPage = lazy(() => import('./pages/admin-delivery/DeliveryPage'));
const PortalAppealsPage = lazy(() => import('./pages/portal-appeals/PortalAppealsPage'));
const PortalAppealNewPage = lazy(() => import('./pages/portal-appeal-new/PortalAppealNewPage'));
const PortalAppealPage = lazy(() => import('./pages/portal-appeal/PortalAppealPage'));

const StaffShell = lazy(() => import('./shells/staff/StaffShell'));
const WorkbenchPage = lazy(() => import('./pages/workbench/WorkbenchPage'));
const MyWorkPage = lazy(() => import('./pages/my-work/MyWorkPage'));
const EnterprisesPage = lazy(() => import('./pages/enterprises/EnterprisesPage'));
const LiaisonWorkbenchPage = lazy(() => import('./pages/liaison/LiaisonWorkbenchPage'));
const LiaisonCoveragePage = lazy(() => import('./pages/liaison/LiaisonCoveragePage'));
const LiaisonBriefingPage = lazy(() => import('./pages/liaison/LiaisonBriefingPage'));
const LiaisonAssessmentPage = lazy(() => import('./pages/liaison/LiaisonAssessmentPage'));
const EnterpriseFilePage = lazy(() => import('./pages/enterprise-file/EnterpriseFilePage'));
const EnterpriseImportPage = lazy(() => import('./pages/enterprises-import/ImportPage'));
const ChangeReviewPage = lazy(() => import('./pages/enterprises-changes/ChangeReviewPage'));
const ScanPage = lazy(() => import('./pages/enterprise-file/ScanPage'));
const AppealListPage = lazy(() => import('./pages/appeals/AppealListPage'));
const AppealDetailPage = lazy(() => import('./pages/appeal-detail/AppealDetailPage'));
const NewAppealPage = lazy(() => import('./pages/appeals-new/NewAppealPage'));
const FollowUpPage = lazy(() => import('./pages/appeals-follow-up/FollowUpPage'));
const ExtensionsPage = lazy(() => import('./pages/appeals-extensions/ExtensionsPage'));
const SupervisionPage = lazy(() => import('./pages/appeals-supervision/SupervisionPage'));
const MeetingsPage = lazy(() => import('./pages/appeals-meetings/MeetingsPage'));
const ProblemsPage = lazy(() => import('./pages/appeals-problems/ProblemsPage'));
const OverdueReportsPage = lazy(() => import('./pages/appeals-overdue/OverdueReportsPage'));
const OverdueReportPage = lazy(() => import('./pages/appeals-overdue/OverdueReportPage'));
const FiguresPage = lazy(() => import('./pages/appeals-figures/FiguresPage'));
const UsersPage = lazy(() => import('./pages/admin-users/UsersPage'));
const DepartmentsPage = lazy(() => import('./pages/admin-departments/DepartmentsPage'));
const StreetsPage = lazy(() => import('./pages/admin-streets/StreetsPage'));
const TaxonomyPage = lazy(() => import('./pages/admin-taxonomy/TaxonomyPage'));
const CalendarPage = lazy(() => import('./pages/admin-calendar/CalendarPage'));
const AppealSettingsPage = lazy(() => import('./pages/admin-appeal-settings/AppealSettingsPage'));
const AuditPage = lazy(() => import('./pages/admin-audit/AuditPage'));
const ApiClientsPage = lazy(() => import('./pages/admin-api-clients/ApiClientsPage'));
const WarningsPage = lazy(() => import('./pages/warnings/WarningsPage'));
const WarningPage = lazy(() => import('./pages/warnings/WarningPage'));
const WarningReportPage = lazy(() => import('./pages/warning-report/WarningReportPage'));
const WarningRulesPage = lazy(() => import('./pages/admin-warning-rules/WarningRulesPage'));
// 惠企政策直达
const PoliciesPage = lazy(() => import('./pages/policies/PoliciesPage'));
const PolicyPage = lazy(() => import('./pages/policies/PolicyPage'));
const ApplicationsPage = lazy(() => import('./pages/policy-applications/ApplicationsPage'));
const ApplicationPage = lazy(() => import('./pages/policy-applications/ApplicationPage'));
const PolicyFiguresPage = lazy(() => import('./pages/policy-figures/PolicyFiguresPage'));
const PushPage = lazy(() => import('./pages/policy-push/PushPage'));
const GrantsPage = lazy(() => import('./pages/policy-grants/GrantsPage'));
const PortalPoliciesPage = lazy(() => import('./pages/portal-policies/PortalPoliciesPage'));
const PortalPolicyPage = lazy(() => import('./pages/portal-policies/PortalPolicyPage'));
const PortalBenefitsPage = lazy(() => import('./pages/portal-policies/PortalBenefitsPage'));
const PortalApplicationsPage = lazy(() => import('./pages/portal-applications/PortalApplicationsPage'));
const PortalApplyPage = lazy(() => import('./pages/portal-applications/PortalApplyPage'));
const PortalApplicationPage = lazy(() => import('./pages/portal-applications/PortalApplicationPage'));

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/" element={<HomeRedirect />} />
      <Route path="/login" element={<LoginPage />} />
      <Route path="/register" element={<RegisterPage />} />
      <Route path="/join" element={<JoinPage />} />
      {/* 一企一码: what an enterprise's QR code encodes; sends each role where it belongs. */}
      <Route path="/e/:uscc" element={<ScanPage />} />
      <Route
        path={PORTAL_PATH}
        element={
          <RequireShell shell="portal">
            <PortalShell />
          </RequireShell>
        }
      >
        <Route index element={<PortalHomePage />} />
        <Route path="profile" element={<PortalProfilePage />} />
        <Route path="account" element={<PortalAccountPage />} />
        <Route path="preferences" element={<PortalPreferencesPage />} />
        <Route path="members" element={<PortalMembersPage />} />
        <Route path="appeals" element={<PortalAppealsPage />} />
        <Route path="appeals/new" element={<PortalAppealNewPage />} />
        <Route path="appeals/:id" element={<PortalAppealPage />} />
        <Route path="policies" element={<PortalPoliciesPage />} />
        <Route path="policies/:id" element={<PortalPolicyPage />} />
        <Route path="benefits" element={<PortalBenefitsPage />} />
        <Route path="applications" element={<PortalApplicationsPage />} />
        <Route path="applications/new" element={<PortalApplyPage />} />
        <Route path="applications/:id" element={<PortalApplicationPage />} />
        <Route path="password" element={<ChangePasswordPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
      <Route
        element={
          <RequireShell shell="staff">
            <StaffShell />
          </RequireShell>
        }
      >
        <Route path="/workbench" element={<WorkbenchPage />} />
        <Route path="/my-work" element={<MyWorkPage />} />
        <Route path="/appeals/intake" element={<AppealListPage key="appeals-intake" list="appeals-intake" />} />
        <Route path="/appeals/dispatch" element={<AppealListPage key="appeals-dispatch" list="appeals-dispatch" />} />
        <Route path="/appeals/inbox" element={<AppealListPage key="appeals-inbox" list="appeals-inbox" />} />
        <Route path="/appeals/warnings" element={<AppealListPage key="appeals-warnings" list="appeals-warnings" />} />
        <Route path="/appeals/returns" element={<AppealListPage key="appeals-returns" list="appeals-returns" />} />
        <Route path="/appeals/escalated" element={<AppealListPage key="appeals-escalated" list="appeals-escalated" />} />
        <Route path="/appeals/all" element={<AppealListPage key="appeals-all" list="appeals-all" />} />
        <Route path="/appeals/new" element={<NewAppealPage />} />
        <Route path="/appeals/follow-up" element={<FollowUpPage />} />
        <Route path="/appeals/extensions" element={<ExtensionsPage />} />
        <Route path="/appeals/supervision" element={<SupervisionPage />} />
        <Route path="/appeals/meetings" element={<MeetingsPage />} />
        <Route path="/appeals/figures" element={<FiguresPage />} />
        <Route path="/appeals/:id" element={<AppealDetailPage />} />
        <Route path="/problems" element={<ProblemsPage />} />
        <Route path="/overdue-reports" element={<OverdueReportsPage />} />
        <Route path="/overdue-reports/:id" element={<OverdueReportPage />} />
        <Route path="/enterprises" element={<EnterprisesPage />} />
        <Route path="/liaison/workbench" element={<LiaisonWorkbenchPage />} />
        <Route path="/liaison/coverage" element={<LiaisonCoveragePage />} />
        <Route path="/liaison/briefing" element={<LiaisonBriefingPage />} />
        <Route path="/liaison/assessment" element={<LiaisonAssessmentPage />} />
        <Route path="/enterprises/import" element={<EnterpriseImportPage />} />
        <Route path="/enterprises/change-requests" element={<ChangeReviewPage />} />
        <Route path="/registration-requests" element={<RegistrationRequestsPage />} />
        <Route path="/enterprises/:id" element={<EnterpriseFilePage />} />
        <Route path="/admin/users" element={<UsersPage />} />
        <Route path="/admin/departments" element={<DepartmentsPage />} />
        <Route path="/admin/streets" element={<StreetsPage />} />
        <Route path="/admin/taxonomy" element={<TaxonomyPage />} />
        <Route path="/admin/calendar" element={<CalendarPage />} />
        <Route path="/admin/appeal-settings" element={<AppealSettingsPage />} />
        <Route path="/admin/audit" element={<AuditPage />} />
        <Route path="/admin/api-clients" element={<ApiClientsPage />} />
        <Route path="/admin/delivery" element={<DeliveryPage />} />
        <Route path="/warnings" element={<WarningsPage />} />
        <Route path="/warnings/:id" element={<WarningPage />} />
        <Route path="/warning-report" element={<WarningReportPage />} />
        <Route path="/admin/warning-rules" element={<WarningRulesPage />} />
        <Route path="/policies" element={<PoliciesPage />} />
        <Route path="/policies/:id" element={<PolicyPage />} />
        <Route path="/policy-applications" element={<ApplicationsPage />} />
        <Route path="/policy-applications/:id" element={<ApplicationPage />} />
        <Route path="/policy-push" element={<PushPage />} />
        <Route path="/policy-grants" element={<GrantsPage />} />
        <Route path="/policy-figures" element={<PolicyFiguresPage />} />
        <Route path={STAFF_PASSWORD_PATH} element={<ChangePasswordPage />} />
      </Route>
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
