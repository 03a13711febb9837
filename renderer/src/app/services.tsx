import { createContext, useContext, type ReactNode } from 'react';
import type { Bridge } from '../../../shared/ipc-contract';
import type { MissionKitDatabase } from '../db/database';
import type { Repository } from '../db/repository';

export interface Services {
  db: MissionKitDatabase;
  repository: Repository;
  bridge: Bridge;
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ services, children }: { services: Services; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices() needs a ServicesProvider above it');
  return services;
}
