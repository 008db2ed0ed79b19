import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { setUnauthorizedHandler } from './api/client';
import { canSeeAudit, canSeeOverdue, FullPageSpin, homeFor, ME_KEY, RequireAuth, useMe } from './auth/session';
import { EmptyState } from './components/feedback';
import { AppLayout } from './layout/AppLayout';
import { AuditPage } from './pages/audit/AuditPage';
import { CriteriaListPage } from './pages/criteria/CriteriaListPage';
import { CriteriaSetPage } from './pages/criteria/CriteriaSetPage';
import { LoginPage } from './pages/auth/LoginPage';
import { CatalogPage as IndicatorCatalogPage } from './pages/indicators/CatalogPage';
import { EntryPage as IndicatorEntryPage } from './pages/indicators/EntryPage';
import { ReviewPage as IndicatorReviewPage } from './pages/indicators/ReviewPage';
import { canEnterData, canSeeReview } from './pages/indicators/shared';
import { CampaignsPage as ModelCampaignsPage } from './pages/learning-models/CampaignsPage';
import { RegistrationPage as ModelRegistrationPage } from './pages/learning-models/RegistrationPage';
import { RegistrationsPage as ModelRegistrationsPage } from './pages/learning-models/RegistrationsPage';
import { SubjectsPage as ModelSubjectsPage } from './pages/learning-models/SubjectsPage';
import { StatisticsPage as ModelStatisticsPage } from './pages/learning-models/StatisticsPage';
import { RecognisedUnitsPage as PublicRecognisedUnitsPage } from './pages/public-models/RecognisedUnitsPage';
import { CentrePage } from './pages/centres/CentrePage';
import { CentresPage } from './pages/centres/CentresPage';
import { EventPage } from './pages/events/EventPage';
import { EventsPage } from './pages/events/EventsPage';
import { OrgUnitsPage } from './pages/org-units/OrgUnitsPage';
import { ImportPage as PcgdImportPage } from './pages/pcgd/ImportPage';
import { NameListPage as PcgdNameListPage } from './pages/pcgd/NameListPage';
import { RegisterPage as PcgdRegisterPage } from './pages/pcgd/RegisterPage';
import { ResultsPage as PcgdResultsPage } from './pages/pcgd/ResultsPage';
import { canUseRegister, PcgdShell } from './pages/pcgd/shared';
import { PlanListPage } from './pages/plans/PlanListPage';
import { canReviewReports } from './pages/reports/api';
import { PlanImportPage } from './pages/plans/import/PlanImportPage';
import { PlanViewPage } from './pages/plans/PlanViewPage';
import { BoardPage as ReportBoardPage } from './pages/reports/BoardPage';
import { MyReportsPage } from './pages/reports/MyReportsPage';
import { ObligationsPage as ReportObligationsPage } from './pages/reports/ObligationsPage';
import { ReportFormPage } from './pages/reports/ReportFormPage';
import { PublicLayout } from './pages/public/PublicLayout';
import { PublicProvincesPage } from './pages/public/PublicProvincesPage';
import { ResourcesPage } from './pages/resources/ResourcesPage';
import { PublicResourcesPage } from './pages/resources/PublicResourcesPage';
import { PublicExemplaryPage } from './pages/public/PublicExemplaryPage';
import { BudgetPage } from './pages/budget/BudgetPage';
import { canSeeFunds, FundsPage } from './pages/budget/FundsPage';
import { CommendationsPage } from './pages/commendations/CommendationsPage';
import { CommitteePage as SteeringCommitteePage } from './pages/steering/CommitteePage';
import { CommitteesPage as SteeringCommitteesPage } from './pages/steering/CommitteesPage';
import { MeetingPage as SteeringMeetingPage } from './pages/steering/MeetingPage';
import { LearningCitiesPage } from './pages/learning-city/LearningCitiesPage';
import { LearningCityPrintPage } from './pages/learning-city/PrintPage';
import { SelfServicePage } from './pages/public-models/SelfServicePage';
import { VerifyPage } from './pages/public-models/VerifyPage';
import { MyTasksPage } from './pages/tasks/MyTasksPage';
import { OverduePage } from './pages/tasks/OverduePage';
import { TaskDetailPage } from './pages/tasks/TaskDetailPage';

// Pages with charts load ECharts on demand: the login page and the tracker do not carry it.
const DashboardPage = lazy(() => import('./pages/dashboard/DashboardPage').then((m) => ({ default: m.DashboardPage })));
const TargetDetailPage = lazy(() => import('./pages/dashboard/TargetDetailPage').then((m) => ({ default: m.TargetDetailPage })));
const PublicProvincePage = lazy(() => import('./pages/public/PublicProvincePage').then((m) => ({ default: m.PublicProvincePage })));
const LearningCityPage = lazy(() => import('./pages/learning-city/LearningCityPage').then((m) => ({ default: m.LearningCityPage })));

export function App() {
  const navigate = useNavigate();
  const location = useLocation();
  const qc = useQueryClient();

  useEffect(() => {
    setUnauthorizedHandler(() => {
      qc.setQueryData(ME_KEY, null);
      if (window.location.pathname !== '/dang-nhap') {
        navigate('/dang-nhap', { replace: true, state: { from: window.location.pathname + window.location.search } });
      }
    });
  }, [navigate, qc]);

  return (
    <Suspense fallback={<FullPageSpin />}>
    <Routes location={location}>
      <Route path="/dang-nhap" element={<LoginPage />} />
      <Route path="/cong-khai/hoc-tap/:campaign" element={<SelfServicePage />} />
      <Route path="/xac-minh/:code?" element={<VerifyPage />} />
      <Route path="/cong-khai" element={<PublicLayout />}>
        <Route index element={<PublicProvincesPage />} />
        <Route path="hoc-lieu" element={<PublicResourcesPage />} />
        <Route path=":id" element={<PublicProvincePage />} />
        <Route path=":id/mo-hinh-hoc-tap" element={<PublicRecognisedUnitsPage />} />
        <Route path=":id/guong-hoc-tap" element={<PublicExemplaryPage />} />
      </Route>
      <Route path="/thanh-pho-hoc-tap/:id/in" element={<RequireAuth><LearningCityPrintPage /></RequireAuth>} />
      <Route element={<RequireAuth><AppLayout /></RequireAuth>}>
        <Route index element={<Home />} />
        <Route path="/ke-hoach" element={<PlanListPage />} />
        <Route path="/ke-hoach/nhap" element={<PlanImportPage />} />
        <Route path="/bang-dieu-khien" element={<DashboardPage />} />
        <Route path="/bang-dieu-khien/chi-tieu/:targetId" element={<TargetDetailPage />} />
        <Route path="/ke-hoach/:id" element={<PlanViewPage />} />
        <Route path="/nhiem-vu/:id" element={<TaskDetailPage />} />
        <Route path="/nhiem-vu-cua-toi" element={<MyTasksPage />} />
        <Route path="/qua-han" element={<RoleGate allow={canSeeOverdue}><OverduePage /></RoleGate>} />
        <Route path="/chi-so" element={<Navigate to="/chi-so/danh-muc" replace />} />
        <Route path="/chi-so/nhap" element={<RoleGate allow={canEnterData}><IndicatorEntryPage /></RoleGate>} />
        <Route path="/chi-so/duyet" element={<RoleGate allow={canSeeReview}><IndicatorReviewPage /></RoleGate>} />
        <Route path="/chi-so/danh-muc" element={<IndicatorCatalogPage />} />
        <Route path="/bo-tieu-chi" element={<CriteriaListPage />} />
        <Route path="/bo-tieu-chi/:id" element={<CriteriaSetPage />} />
        <Route path="/mo-hinh-hoc-tap" element={<ModelRegistrationsPage />} />
        <Route path="/mo-hinh-hoc-tap/dot-dang-ky" element={<ModelCampaignsPage />} />
        <Route path="/mo-hinh-hoc-tap/thong-ke" element={<ModelStatisticsPage />} />
        <Route path="/mo-hinh-hoc-tap/doi-tuong" element={<ModelSubjectsPage />} />
        <Route path="/mo-hinh-hoc-tap/:id" element={<ModelRegistrationPage />} />
        <Route path="/bao-cao/cua-toi" element={<MyReportsPage />} />
        <Route path="/bao-cao/tinh-hinh" element={<RoleGate allow={canReviewReports}><ReportBoardPage /></RoleGate>} />
        <Route path="/bao-cao/nghia-vu" element={<ReportObligationsPage />} />
        <Route path="/bao-cao/:id" element={<ReportFormPage />} />
        <Route path="/trung-tam" element={<CentresPage />} />
        <Route path="/trung-tam/:id" element={<CentrePage />} />
        <Route path="/su-kien" element={<EventsPage />} />
        <Route path="/su-kien/:id" element={<EventPage />} />
        <Route path="/hoc-lieu" element={<ResourcesPage />} />
        <Route path="/kinh-phi" element={<BudgetPage />} />
        <Route path="/quy-khuyen-hoc" element={<RoleGate allow={canSeeFunds}><FundsPage /></RoleGate>} />
        <Route path="/khen-thuong" element={<CommendationsPage />} />
        <Route path="/ban-chi-dao" element={<SteeringCommitteesPage />} />
        <Route path="/ban-chi-dao/cuoc-hop/:id" element={<SteeringMeetingPage />} />
        <Route path="/thanh-pho-hoc-tap" element={<LearningCitiesPage />} />
        <Route path="/thanh-pho-hoc-tap/:id" element={<LearningCityPage />} />
        <Route path="/ban-chi-dao/:id" element={<SteeringCommitteePage />} />
        <Route path="/don-vi" element={<OrgUnitsPage />} />
        <Route path="/nhat-ky" element={<RoleGate allow={canSeeAudit}><AuditPage /></RoleGate>} />
        <Route path="/pcgd" element={<PcgdShell />}>
          <Route index element={<PcgdResultsPage />} />
          <Route path="nhap" element={<RoleGate allow={canUseRegister}><PcgdImportPage /></RoleGate>} />
          <Route path="so" element={<RoleGate allow={canUseRegister}><PcgdRegisterPage /></RoleGate>} />
          <Route path="danh-sach" element={<RoleGate allow={canUseRegister}><PcgdNameListPage /></RoleGate>} />
        </Route>
        <Route path="*" element={<EmptyState>Không tìm thấy trang này.</EmptyState>} />
      </Route>
    </Routes>
    </Suspense>
  );
}

function Home() {
  const me = useMe().data;
  return me ? <Navigate to={homeFor(me.role)} replace /> : <FullPageSpin />;
}

function RoleGate({ allow, children }: { allow: (role: NonNullable<ReturnType<typeof useMe>['data']>['role']) => boolean; children: ReactNode }) {
  const me = useMe().data;
  if (!me) return null;
  return allow(me.role) ? <>{children}</> : <EmptyState>Vai trò của bạn không được xem trang này.</EmptyState>;
}
