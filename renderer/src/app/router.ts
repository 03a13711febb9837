import { useEffect, useState } from 'react';

/** Hash routes: they survive reloads and work the same under app:// and http://. */
export type Route =
  | { name: 'missions' }
  | { name: 'new-mission' }
  | { name: 'mission'; id: string }
  | { name: 'templates' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const mission = /^\/missions\/([^/]+)$/.exec(path);
  if (path === '/missions/new') return { name: 'new-mission' };
  if (mission?.[1]) return { name: 'mission', id: decodeURIComponent(mission[1]) };
  if (path === '/templates') return { name: 'templates' };
  return { name: 'missions' };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'missions':
      return '#/missions';
    case 'new-mission':
      return '#/missions/new';
    case 'mission':
      return `#/missions/${encodeURIComponent(route.id)}`;
    case 'templates':
      return '#/templates';
  }
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
