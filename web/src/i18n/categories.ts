// Names of the reference categories (src/BudgetControl.Data/Reference/ReferenceData.cs), keyed by their slugs,
// which never change; the server sends English names. tests/i18n.test.ts checks that every slug of that file
// has a name here in both languages. Sub-categories that share a slug (gifts, family_allowance,
// lotteries_gambling) share the name too.
export const categoryNames = {
  en: {
    main: {
      food_drinks: 'Food & drinks', shopping: 'Shopping', home: 'Home', transport: 'Transport', vehicles: 'Vehicles', entertainment: 'Entertainment',
      communication_pc: 'Communication & PC', financial_expenses: 'Financial expenses', investments: 'Investments', income: 'Income', other: 'Other',
    },
    sub: {
      bars_clubs: 'Bars & clubs', restaurants_fast_food: 'Restaurants & fast food', groceries: 'Groceries', clothing_shoes: 'Clothing & shoes', pets: 'Pets',
      beauty_wellness: 'Beauty & wellness', stationery_tools: 'Stationery & tools', home_garden: 'Home & garden', electronics_accessories: 'Electronics & accessories',
      pharmacy: 'Pharmacy', children: 'Children', jewelry_accessories: 'Jewelry & accessories', gifts: 'Gifts', family_assistance: 'Family assistance',
      leisure: 'Leisure', rent: 'Rent', property_insurance: 'Property insurance', condominium: 'Condominium', energy_utilities: 'Energy & utilities',
      maintenance: 'Maintenance', mortgage: 'Mortgage', taxi: 'Taxi', public_transport: 'Public transport', trips: 'Trips', business_trips: 'Business trips',
      vehicle_insurance: 'Vehicle insurance', fuel: 'Fuel', vehicle_maintenance: 'Vehicle maintenance', rentals: 'Rentals', parking: 'Parking', tolls: 'Tolls',
      alcohol: 'Alcohol', tobacco: 'Tobacco', culture_sports_events: 'Culture, sports & events', donations_charity: 'Donations & charity', events: 'Events',
      wedding: 'Wedding', training_development: 'Training & development', hobbies: 'Hobbies', books_audio_subscriptions: 'Books, audio & subscriptions',
      lotteries_gambling: 'Lotteries & gambling', health: 'Health', sports_fitness: 'Sports & fitness', tv_streaming: 'TV & streaming', holidays: 'Holidays',
      hotels: 'Hotels', internet: 'Internet', postal_services: 'Postal services', software_apps_games: 'Software, apps & games', telephone: 'Telephone',
      family_allowance: 'Family allowance', insurance: 'Insurance', consultancy: 'Consultancy', fines: 'Fines', loans_interests: 'Loans & interests',
      taxes: 'Taxes', taxes_commissions: 'Taxes & commissions', real_estate: 'Real estate', movable_property: 'Movable property',
      financial_investments: 'Financial investments', collections: 'Collections', savings: 'Savings', checks: 'Checks', coupons: 'Coupons',
      rental_income: 'Rental income', interest_dividends: 'Interest & dividends', loans_rentals: 'Loans & rentals', quotas_grants: 'Quotas & grants',
      refunds_taxes_purchases: 'Refunds (taxes, purchases)', salary: 'Salary', sales: 'Sales', other: 'Other', transfer: 'Transfer',
    },
  },
  it: {
    main: {
      food_drinks: 'Cibo e bevande', shopping: 'Acquisti', home: 'Casa', transport: 'Trasporti', vehicles: 'Veicoli', entertainment: 'Svago',
      communication_pc: 'Comunicazioni e PC', financial_expenses: 'Spese finanziarie', investments: 'Investimenti', income: 'Entrate', other: 'Altro',
    },
    sub: {
      bars_clubs: 'Bar e locali', restaurants_fast_food: 'Ristoranti e fast food', groceries: 'Spesa alimentare', clothing_shoes: 'Abbigliamento e scarpe', pets: 'Animali domestici',
      beauty_wellness: 'Bellezza e benessere', stationery_tools: 'Cancelleria e attrezzi', home_garden: 'Casa e giardino', electronics_accessories: 'Elettronica e accessori',
      pharmacy: 'Farmacia', children: 'Figli', jewelry_accessories: 'Gioielli e accessori', gifts: 'Regali', family_assistance: 'Assistenza familiare',
      leisure: 'Tempo libero', rent: 'Affitto', property_insurance: 'Assicurazione casa', condominium: 'Condominio', energy_utilities: 'Energia e utenze',
      maintenance: 'Manutenzione', mortgage: 'Mutuo', taxi: 'Taxi', public_transport: 'Trasporto pubblico', trips: 'Viaggi', business_trips: 'Viaggi di lavoro',
      vehicle_insurance: 'Assicurazione veicolo', fuel: 'Carburante', vehicle_maintenance: 'Manutenzione veicolo', rentals: 'Noleggi', parking: 'Parcheggi', tolls: 'Pedaggi',
      alcohol: 'Alcolici', tobacco: 'Tabacco', culture_sports_events: 'Cultura, sport ed eventi', donations_charity: 'Donazioni e beneficenza', events: 'Eventi',
      wedding: 'Matrimonio', training_development: 'Formazione e crescita', hobbies: 'Hobby', books_audio_subscriptions: 'Libri, audio e abbonamenti',
      lotteries_gambling: 'Lotterie e giochi', health: 'Salute', sports_fitness: 'Sport e fitness', tv_streaming: 'TV e streaming', holidays: 'Vacanze',
      hotels: 'Hotel', internet: 'Internet', postal_services: 'Servizi postali', software_apps_games: 'Software, app e giochi', telephone: 'Telefono',
      family_allowance: 'Assegni familiari', insurance: 'Assicurazioni', consultancy: 'Consulenze', fines: 'Multe', loans_interests: 'Prestiti e interessi',
      taxes: 'Tasse', taxes_commissions: 'Imposte e commissioni', real_estate: 'Immobili', movable_property: 'Beni mobili',
      financial_investments: 'Investimenti finanziari', collections: 'Collezioni', savings: 'Risparmi', checks: 'Assegni', coupons: 'Buoni',
      rental_income: 'Affitti percepiti', interest_dividends: 'Interessi e dividendi', loans_rentals: 'Prestiti e noleggi', quotas_grants: 'Quote e contributi',
      refunds_taxes_purchases: 'Rimborsi (tasse, acquisti)', salary: 'Stipendio', sales: 'Vendite', other: 'Altro', transfer: 'Trasferimento',
    },
  },
};
