import { useEffect, useState } from 'react';

/** Hash routes: they survive reloads and work the same under app:// and http://. */
export type MissionTab = 'dashboard' | 'checklist' | 'assessment' | 'recommendations' | 'reports' | 'sites' | 'team' | 'sync';

export type Route =
  | { name: 'missions' }
  | { name: 'new-mission' }
  | { name: 'mission'; id: string; tab: MissionTab; requirementId?: string }
  | { name: 'templates' }
  | { name: 'backups' };

export const MISSION_TABS: readonly MissionTab[] = ['dashboard', 'checklist', 'assessment', 'recommendations', 'reports', 'sites', 'team', 'sync'];

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  if (path === '/missions/new') return { name: 'new-mission' };
  if (path === '/templates') return { name: 'templates' };
  if (path === '/backups') return { name: 'backups' };
  const mission = /^\/missions\/([^/]+)(?:\/([a-z]+)(?:\/([^/]+))?)?$/.exec(path);
  if (mission?.[1]) {
    const tab = (MISSION_TABS as readonly string[]).includes(mission[2] ?? '') ? (mission[2] as MissionTab) : 'dashboard';
    const route: Route = { name: 'mission', id: decodeURIComponent(mission[1]), tab };
    if ((tab === 'checklist' || tab === 'assessment') && mission[3]) route.requirementId = decodeURIComponent(mission[3]);
    return route;
  }
  return { name: 'missions' };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'missions':
      return '#/missions';
    case 'new-mission':
      return '#/missions/new';
    case 'mission': {
      const base = `#/missions/${encodeURIComponent(route.id)}`;
      if (route.tab === 'dashboard') return base;
      const requirement = (route.tab === 'checklist' || route.tab === 'assessment') && route.requirementId ? `/${encodeURIComponent(route.requirementId)}` : '';
      return `${base}/${route.tab}${requirement}`;
    }
    case 'templates':
      return '#/templates';
    case 'backups':
      return '#/backups';
  }
}

export function missionHref(id: string, tab: MissionTab = 'dashboard', requirementId?: string): string {
  return routeHref({ name: 'mission', id, tab, ...(requirementId ? { requirementId } : {}) });
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
