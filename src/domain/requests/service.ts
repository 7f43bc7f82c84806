/** The service catalogue (policy 4.1–4.2): what a unit provides, by when, to what standard. */
export interface Service {
  id: number
  code: string
  providerId: number
  name: string
  /** business hours to respond; null: the sla.response_hours default */
  responseHours: number | null
  /** business days to resolve once accepted; null: the sla.resolution_days default */
  resolutionDays: number | null
  standard: string | null
  createdAt: string
}

export type NewService = Omit<Service, 'id'>

/** The deadlines of the policy (sla.response_hours, sla.resolution_days). */
export interface SlaDefaults {
  responseHours: number
  resolutionDays: number
}

/**
 * The deadlines a request gets: its service's own where the service sets them, else the policy
 * defaults. A request without a service gets the defaults.
 */
export function deadlinesOf(service: Pick<Service, 'responseHours' | 'resolutionDays'> | undefined, defaults: SlaDefaults): SlaDefaults {
  return {
    responseHours: service?.responseHours ?? defaults.responseHours,
    resolutionDays: service?.resolutionDays ?? defaults.resolutionDays,
  }
}

/** Where a service's deadlines come from: 'config' when it sets neither, else 'service'. */
export function deadlinesSource(service: Pick<Service, 'responseHours' | 'resolutionDays'>): 'config' | 'service' {
  return service.responseHours === null && service.resolutionDays === null ? 'config' : 'service'
}
