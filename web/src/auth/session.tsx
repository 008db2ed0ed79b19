import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Flex, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { api, ApiError } from '../api/client';
import type { Me, Role } from '../api/types';

export const ME_KEY = ['auth', 'me'] as const;

/** The signed-in user, or null when there is no session. */
export function useMe() {
  return useQuery<Me | null>({
    queryKey: ME_KEY,
    queryFn: async () => {
      try {
        return await api<Me>('/api/v1/auth/me', { skipUnauthorizedRedirect: true });
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) =>
      api<Me>('/api/v1/auth/login', { method: 'POST', body, skipUnauthorizedRedirect: true }),
    onSuccess: (me) => {
      qc.clear();
      qc.setQueryData(ME_KEY, me);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/api/v1/auth/logout', { method: 'POST', skipUnauthorizedRedirect: true }),
    onSettled: () => {
      qc.clear();
      qc.setQueryData(ME_KEY, null);
    },
  });
}

export const canSeeOverdue = (role: Role) => role === 'admin' || role === 'coordinator' || role === 'viewer';
export const canSeeAudit = (role: Role) => role === 'admin';
export const homeFor = (role: Role) => (role === 'agency_reporter' || role === 'unit_officer' ? '/nhiem-vu-cua-toi' : '/ke-hoach');

export function FullPageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '60vh' }}>
      <Spin size="large" />
    </Flex>
  );
}

/** Renders children for a signed-in user; otherwise sends them to the login page and remembers where they were going. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <FullPageSpin />;
  if (!me.data) {
    const from = location.pathname + location.search;
    return <Navigate to="/dang-nhap" replace state={{ from }} />;
  }
  return <>{children}</>;
}
