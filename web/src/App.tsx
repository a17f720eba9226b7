import { App as AntApp } from 'antd';
import { Suspense } from 'react';
import { BrowserRouter } from 'react-router-dom';
import { AuthProvider } from './auth/AuthContext';
import { PageLoading } from './components/PageLoading';
import { I18nProvider } from './i18n';
import { AppRoutes } from './routes';

export function App() {
  return (
    <I18nProvider>
      <AntApp>
        <AuthProvider>
          <BrowserRouter>
            <Suspense fallback={<PageLoading />}>
              <AppRoutes />
            </Suspense>
          </BrowserRouter>
        </AuthProvider>
      </AntApp>
    </I18nProvider>
  );
}
