import { createContext, useContext, type ReactNode } from 'react';
import type { Bridge } from '../../../shared/ipc-contract';
import type { ReadModels } from '../db/read-models';
import type { Repository } from '../db/repository';
import type { AppActions } from './app-actions';
import { UndoProvider } from '../undo/UndoProvider';

/**
 * What components get: the repository (the only writer), the read models (the only way to
 * read), the bridge to the host, and the operations that span the database and the host
 * (bundles, backups, the hub). The database itself is not among them: see eslint.config.js.
 */
export interface Services {
  repository: Repository;
  reads: ReadModels;
  bridge: Bridge;
  actions: AppActions;
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ services, children }: { services: Services; children: ReactNode }) {
  // Every screen that removes something offers its undo through the one stack and toast.
  return (
    <ServicesContext.Provider value={services}>
      <UndoProvider>{children}</UndoProvider>
    </ServicesContext.Provider>
  );
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices() needs a ServicesProvider above it');
  return services;
}
